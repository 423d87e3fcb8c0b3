package postgres

import (
	"context"
	"fmt"

	"hindsight"
	"hindsight/internal/storedoc"
)

// IncidentFacts reads the projection columns KPIs need, with each
// post-mortem's countermeasure facts packed into one column, from covering
// indexes (migration 0055), never touching a document: reading one field
// of a large JSONB value would fetch all of it.
func (s *Store) IncidentFacts(ctx context.Context, f hindsight.FactsFilter) ([]hindsight.IncidentFacts, error) {
	w := &where{}
	w.filters(f.Tag, f.Severity, "", f.From, f.To)
	w.audience(f.Audience)
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.title, p.severity, p.status, p.created_at,
		p.started_at, p.detected_at, p.ended_at, p.meeting_at,
		(SELECT string_agg(c.kind || chr(31) || c.status || chr(31) || coalesce(to_char(c.due, 'YYYY-MM-DD'), '') || chr(31) ||
			coalesce((extract(epoch FROM c.done_at) * 1000000)::bigint::text, ''), chr(30))
			FROM countermeasures c WHERE c.postmortem_id = p.id)
		FROM postmortems p WHERE `+w.sql()+` ORDER BY p.sort_at, p.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("incident facts: %w", err)
	}
	defer rows.Close()
	var facts []hindsight.IncidentFacts
	for rows.Next() {
		var x hindsight.IncidentFacts
		var cms *string
		if err := rows.Scan(&x.ID, &x.Title, &x.Severity, &x.Status, &x.CreatedAt, &x.StartedAt, &x.DetectedAt, &x.EndedAt, &x.MeetingDate, &cms); err != nil {
			return nil, err
		}
		x.CreatedAt = x.CreatedAt.UTC()
		x.StartedAt, x.DetectedAt, x.EndedAt, x.MeetingDate = utc(x.StartedAt), utc(x.DetectedAt), utc(x.EndedAt), utc(x.MeetingDate)
		if cms != nil {
			if x.Countermeasures, err = storedoc.ParseCountermeasureFacts(*cms); err != nil {
				return nil, fmt.Errorf("post-mortem %s: %w", x.ID, err)
			}
		}
		facts = append(facts, x)
	}
	return facts, rows.Err()
}
