package sqlite

import (
	"context"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// IncidentFacts reads the projection columns KPIs need, and the
// countermeasures of those post-mortems, without decoding whole documents.
func (s *Store) IncidentFacts(ctx context.Context, f hindsight.FactsFilter) ([]hindsight.IncidentFacts, error) {
	where, args := listWhere(hindsight.ListFilter{From: f.From, To: f.To, Severity: f.Severity, Tag: f.Tag, Audience: f.Audience})
	cond := strings.Join(append(where, "1"), " AND ")
	rows, err := s.read.QueryContext(ctx, `SELECT p.id, p.title, p.severity, p.status, p.created_at,
		p.started_at, p.detected_at, p.ended_at, p.meeting_at,
		(SELECT group_concat(tag, char(31)) FROM postmortem_tags t WHERE t.postmortem_id = p.id)
		FROM postmortems p WHERE `+cond+` ORDER BY p.sort_at, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("incident facts: %w", err)
	}
	var facts []hindsight.IncidentFacts
	index := map[string]int{}
	for rows.Next() {
		var x hindsight.IncidentFacts
		var created int64
		var started, detected, ended, meeting *int64
		var tags *string
		if err := rows.Scan(&x.ID, &x.Title, &x.Severity, &x.Status, &created, &started, &detected, &ended, &meeting, &tags); err != nil {
			rows.Close()
			return nil, err
		}
		x.CreatedAt = fromMicros(created)
		x.StartedAt, x.DetectedAt, x.EndedAt, x.MeetingDate = fromNullMicros(started), fromNullMicros(detected), fromNullMicros(ended), fromNullMicros(meeting)
		x.Tags = []string{}
		if tags != nil {
			x.Tags = strings.Split(*tags, "\x1f")
		}
		index[x.ID] = len(facts)
		facts = append(facts, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cms, err := s.read.QueryContext(ctx, `SELECT c.postmortem_id, c.doc FROM countermeasures c JOIN postmortems p ON p.id = c.postmortem_id
		WHERE `+cond+` ORDER BY c.postmortem_id, c.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("incident facts countermeasures: %w", err)
	}
	defer cms.Close()
	if err := storedoc.AttachCountermeasures(cms, facts, index); err != nil {
		return nil, err
	}
	return facts, nil
}
