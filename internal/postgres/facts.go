package postgres

import (
	"context"
	"fmt"
	"time"

	"hindsight"
)

// IncidentFacts reads the projection columns KPIs need, then every
// countermeasure's, each in one index-only scan of its covering index
// (migration 0055), never touching a document: reading one field of a
// large JSONB value would fetch all of it. Packing each post-mortem's
// countermeasures in SQL, as SQLite does, costs PostgreSQL more than
// sending them as rows.
func (s *Store) IncidentFacts(ctx context.Context, f hindsight.FactsFilter) ([]hindsight.IncidentFacts, error) {
	w := &where{}
	w.filters(f.Tag, f.Severity, "", f.From, f.To)
	w.audience(f.Audience)
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.title, p.severity, p.status, p.created_at,
		p.started_at, p.detected_at, p.ended_at, p.meeting_at
		FROM postmortems p WHERE `+w.sql()+` ORDER BY p.sort_at, p.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("incident facts: %w", err)
	}
	var facts []hindsight.IncidentFacts
	index := map[string]int{}
	for rows.Next() {
		var x hindsight.IncidentFacts
		if err := rows.Scan(&x.ID, &x.Title, &x.Severity, &x.Status, &x.CreatedAt, &x.StartedAt, &x.DetectedAt, &x.EndedAt, &x.MeetingDate); err != nil {
			rows.Close()
			return nil, err
		}
		x.CreatedAt = x.CreatedAt.UTC()
		x.StartedAt, x.DetectedAt, x.EndedAt, x.MeetingDate = utc(x.StartedAt), utc(x.DetectedAt), utc(x.EndedAt), utc(x.MeetingDate)
		index[x.ID] = len(facts)
		facts = append(facts, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Countermeasures of post-mortems not selected above are skipped here,
	// which costs less than joining the filters again.
	cms, err := s.db.QueryContext(ctx, `SELECT postmortem_id, kind, status, due, done_at FROM countermeasures`)
	if err != nil {
		return nil, fmt.Errorf("incident facts countermeasures: %w", err)
	}
	defer cms.Close()
	for cms.Next() {
		var id string
		var c hindsight.CountermeasureFact
		var due *time.Time
		if err := cms.Scan(&id, &c.Kind, &c.Status, &due, &c.DoneAt); err != nil {
			return nil, err
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		if due != nil {
			d := hindsight.DateOf(*due)
			c.Due = &d
		}
		c.DoneAt = utc(c.DoneAt)
		facts[i].Countermeasures = append(facts[i].Countermeasures, c)
	}
	return facts, cms.Err()
}
