package postgres

import (
	"context"
	"fmt"
	"time"

	"hindsight"
	"hindsight/internal/storedoc"
)

// IncidentFacts reads the projection columns KPIs need and the
// countermeasures of those post-mortems, in two queries.
func (s *Store) IncidentFacts(ctx context.Context, f hindsight.FactsFilter) ([]hindsight.IncidentFacts, error) {
	w := &where{}
	w.filters(f.Tag, f.Severity, "", f.From, f.To)
	w.audience(f.Audience)
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.title, p.severity, p.status, p.created_at,
		p.started_at, p.detected_at, p.ended_at, p.meeting_at, p.doc->'tags'
		FROM postmortems p WHERE `+w.sql()+` ORDER BY p.sort_at, p.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("incident facts: %w", err)
	}
	var facts []hindsight.IncidentFacts
	index := map[string]int{}
	for rows.Next() {
		var x hindsight.IncidentFacts
		var tags []byte
		if err := rows.Scan(&x.ID, &x.Title, &x.Severity, &x.Status, &x.CreatedAt, &x.StartedAt, &x.DetectedAt, &x.EndedAt, &x.MeetingDate, &tags); err != nil {
			rows.Close()
			return nil, err
		}
		x.CreatedAt = x.CreatedAt.UTC()
		for _, t := range []**time.Time{&x.StartedAt, &x.DetectedAt, &x.EndedAt, &x.MeetingDate} {
			if *t != nil {
				u := (**t).UTC()
				*t = &u
			}
		}
		if x.Tags, err = storedoc.DecodeStrings(tags); err != nil {
			rows.Close()
			return nil, err
		}
		index[x.ID] = len(facts)
		facts = append(facts, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cms, err := s.db.QueryContext(ctx, `SELECT c.postmortem_id, c.doc FROM countermeasures c JOIN postmortems p ON p.id = c.postmortem_id
		WHERE `+w.sql()+` ORDER BY c.postmortem_id, c.position`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("incident facts countermeasures: %w", err)
	}
	defer cms.Close()
	if err := storedoc.AttachCountermeasures(cms, facts, index); err != nil {
		return nil, err
	}
	return facts, nil
}
