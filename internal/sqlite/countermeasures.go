package sqlite

import (
	"context"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// ListCountermeasures lists countermeasures across post-mortems.
func (s *Store) ListCountermeasures(ctx context.Context, f hindsight.CountermeasureFilter) (hindsight.CountermeasurePage, error) {
	limit, cur, order, err := storedoc.CountermeasurePaging(f)
	if err != nil {
		return hindsight.CountermeasurePage{}, err
	}
	where := []string{"1"}
	var args []any
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.Owner != "" {
		add("c.owner = ?", hindsight.PersonKey(f.Owner))
	}
	if f.Status != "" {
		add("c.status = ?", string(f.Status))
	}
	if f.Priority != "" {
		add("c.priority = ?", string(f.Priority))
	}
	if f.Severity != "" {
		add("p.severity = ?", f.Severity)
	}
	if f.Tag != "" {
		add("EXISTS (SELECT 1 FROM postmortem_tags t WHERE t.postmortem_id = p.id AND t.tag = ?)", strings.TrimSpace(f.Tag))
	}
	if f.Overdue {
		add("c.status IN ('open', 'in_progress') AND c.due < ?", hindsight.DateOf(f.Now).String())
	}
	if f.ReverifyBefore != nil {
		add("c.status = 'done' AND COALESCE(c.verified_at, c.done_at, 0) < ?", micros(*f.ReverifyBefore))
	}
	visible, vargs := listWhere(hindsight.ListFilter{Audience: f.Audience})
	where, args = append(where, visible...), append(args, vargs...)
	// The page is chosen on the narrow columns alone; only its rows are
	// then read whole, so no document is read for rows that are not shown.
	query := `WITH page AS (SELECT c.postmortem_id, c.id FROM countermeasures c JOIN postmortems p ON p.id = c.postmortem_id
			WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?)
		SELECT c.doc, p.id, p.title, p.version, p.severity, json_extract(s.summary, '$.tags')
		FROM page JOIN countermeasures c ON c.postmortem_id = page.postmortem_id AND c.id = page.id
		JOIN postmortems p ON p.id = c.postmortem_id JOIN postmortem_summaries s ON s.postmortem_id = p.id
		ORDER BY ` + order
	args = append(args, limit+1, cur.Offset)
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return hindsight.CountermeasurePage{}, fmt.Errorf("list countermeasures: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadCountermeasureRows(rows, limit, cur)
}
