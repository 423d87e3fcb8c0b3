package postgres

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
	w := &where{}
	w.filters(f.Tag, f.Severity, "", nil, nil)
	w.audience(f.Audience)
	if f.Owner != "" {
		w.add("lower(c.owner) = lower(" + w.arg(hindsight.PersonKey(f.Owner)) + ")")
	}
	if f.Status != "" {
		w.add("c.status = " + w.arg(string(f.Status)))
	}
	if f.Priority != "" {
		w.add("c.priority = " + w.arg(string(f.Priority)))
	}
	if f.Overdue {
		w.add("c.status IN ('open', 'in_progress') AND c.due < " + w.arg(hindsight.DateOf(f.Now).String()) + "::date")
	}
	if f.ReverifyBefore != nil {
		w.add("c.status = 'done' AND COALESCE(c.verified_at, c.done_at, 'epoch') < " + w.arg(*f.ReverifyBefore))
	}
	// COLLATE "C" makes priorities and ids sort bytewise, as SQLite does.
	order = strings.NewReplacer("c.priority", `c.priority COLLATE "C"`, "c.postmortem_id", `c.postmortem_id COLLATE "C"`).Replace(order)
	// The page is chosen on the narrow columns alone; only its rows are
	// then read whole, so no document is read for rows that are not shown.
	rows, err := s.db.QueryContext(ctx, `WITH page AS (SELECT c.postmortem_id, c.id FROM countermeasures c JOIN postmortems p ON p.id = c.postmortem_id
			WHERE `+w.sql()+` ORDER BY `+order+` LIMIT `+w.arg(limit+1)+` OFFSET `+w.arg(cur.Offset)+`)
		SELECT c.doc, p.id, p.title, p.version, p.severity, m.summary::jsonb->'tags'
		FROM page JOIN countermeasures c ON c.postmortem_id = page.postmortem_id AND c.id = page.id
		JOIN postmortems p ON p.id = c.postmortem_id JOIN postmortem_summaries m ON m.postmortem_id = p.id
		ORDER BY `+order, w.args...)
	if err != nil {
		return hindsight.CountermeasurePage{}, fmt.Errorf("list countermeasures: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadCountermeasureRows(rows, limit, cur)
}
