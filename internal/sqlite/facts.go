package sqlite

import (
	"context"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// IncidentFacts reads the projection columns KPIs need, with each
// post-mortem's countermeasure facts packed into one column, from covering
// indexes (migration 0055) and without decoding any document: insights
// over every post-mortem cost one narrow scan.
func (s *Store) IncidentFacts(ctx context.Context, f hindsight.FactsFilter) ([]hindsight.IncidentFacts, error) {
	where, args := listWhere(hindsight.ListFilter{From: f.From, To: f.To, Severity: f.Severity, Tag: f.Tag, Audience: f.Audience})
	rows, err := s.read.QueryContext(ctx, `SELECT p.id, p.title, p.severity, p.status, p.created_at,
		p.started_at, p.detected_at, p.ended_at, p.meeting_at,
		(SELECT group_concat(c.kind || char(31) || c.status || char(31) || ifnull(c.due, '') || char(31) || ifnull(c.done_at, ''), char(30))
			FROM countermeasures c WHERE c.postmortem_id = p.id)
		FROM postmortems p WHERE `+strings.Join(append(where, "1"), " AND ")+` ORDER BY p.sort_at, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("incident facts: %w", err)
	}
	defer rows.Close()
	var facts []hindsight.IncidentFacts
	for rows.Next() {
		var x hindsight.IncidentFacts
		var created int64
		var started, detected, ended, meeting *int64
		var cms *string
		if err := rows.Scan(&x.ID, &x.Title, &x.Severity, &x.Status, &created, &started, &detected, &ended, &meeting, &cms); err != nil {
			return nil, err
		}
		x.CreatedAt = fromMicros(created)
		x.StartedAt, x.DetectedAt, x.EndedAt, x.MeetingDate = fromNullMicros(started), fromNullMicros(detected), fromNullMicros(ended), fromNullMicros(meeting)
		if cms != nil {
			if x.Countermeasures, err = storedoc.ParseCountermeasureFacts(*cms); err != nil {
				return nil, fmt.Errorf("post-mortem %s: %w", x.ID, err)
			}
		}
		facts = append(facts, x)
	}
	return facts, rows.Err()
}
