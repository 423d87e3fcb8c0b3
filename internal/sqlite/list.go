package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// List returns one page of summaries: newest incident first, or in
// search tiers when f.Q is set.
func (s *Store) List(ctx context.Context, f hindsight.ListFilter) (hindsight.Page, error) {
	limit, err := storedoc.Limit(f.Limit)
	if err != nil {
		return hindsight.Page{}, err
	}
	terms := storedoc.Terms(f.Q)
	cur, err := storedoc.DecodeCursor(f.Cursor, len(terms) > 0)
	if err != nil {
		return hindsight.Page{}, err
	}
	where, args := listWhere(f)
	if len(terms) > 0 {
		return s.search(ctx, terms, f.Q, where, args, limit, cur)
	}
	if cur.ID != "" {
		where = append(where, "(p.sort_at, p.id) < (?, ?)")
		args = append(args, cur.SortAt, cur.ID)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT s.summary FROM postmortems p
		JOIN postmortem_summaries s ON s.postmortem_id = p.id
		WHERE `+strings.Join(append(where, "1"), " AND ")+`
		ORDER BY p.sort_at DESC, p.id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return hindsight.Page{}, fmt.Errorf("list post-mortems: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadPage(rows, limit)
}

// listWhere turns the filters into SQL conditions on alias p.
func listWhere(f hindsight.ListFilter) ([]string, []any) {
	var where []string
	var args []any
	if f.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM postmortem_tags t WHERE t.postmortem_id = p.id AND t.tag = ?)")
		args = append(args, strings.TrimSpace(f.Tag))
	}
	if f.Team != "" {
		where = append(where, "p.team = ? COLLATE NOCASE")
		args = append(args, strings.TrimSpace(f.Team))
	}
	if f.Service != "" {
		where = append(where, "EXISTS (SELECT 1 FROM json_each(p.doc, '$.services') sv WHERE sv.value = ? COLLATE NOCASE)")
		args = append(args, strings.TrimSpace(f.Service))
	}
	if f.Severity != "" {
		where = append(where, "p.severity = ?")
		args = append(args, f.Severity)
	}
	if f.Status != "" {
		where = append(where, "p.status = ?")
		args = append(args, string(f.Status))
	}
	if f.From != nil {
		where = append(where, "p.sort_at >= ?")
		args = append(args, micros(*f.From))
	}
	if f.To != nil {
		where = append(where, "p.sort_at < ?")
		args = append(args, micros(*f.To))
	}
	if a := f.Audience; !a.All {
		readers, _ := json.Marshal(a.Readers())
		where = append(where, `(p.restricted = 0 OR p.author_id = ? OR EXISTS (SELECT 1 FROM postmortem_readers r
			WHERE r.postmortem_id = p.id AND r.reader IN (SELECT value FROM json_each(?))))`)
		args = append(args, a.UserID, string(readers))
	}
	return where, args
}
