package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/storedoc"
)

// tierConditions are the conditions of the search tiers (storedoc.Tiers):
// every word in the title (title_vec); in the title and summary
// (head_vec) but not all in the title; anywhere else (search). Terms are
// letters and digits only, so the tsquery built from them cannot be
// malformed.
func tierConditions(w *where, terms []string, tier int) string {
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = strings.ToLower(t)
	}
	q := "to_tsquery('english', " + w.arg(strings.Join(words, " & ")) + ")"
	switch tier {
	case storedoc.TierTitle:
		return "s.title_vec @@ " + q
	case storedoc.TierSummary:
		return "s.head_vec @@ " + q + " AND NOT s.title_vec @@ " + q
	default:
		return "s.search @@ " + q + " AND NOT s.head_vec @@ " + q
	}
}

// search reads a page of matches tier by tier, each tier newest incident
// first on the search table's (sort_at, id) index, so the planner can walk
// that index for common words and stop after a page, or use the GIN index
// for rare ones. Filters join the post-mortem row of each match.
func (s *Store) search(ctx context.Context, f hindsight.ListFilter, terms []string, limit int, cur storedoc.Cursor) (hindsight.Page, error) {
	var hits []storedoc.SearchHit
	for _, tier := range storedoc.Tiers {
		if tier < cur.Tier || len(hits) > limit {
			continue
		}
		w := listWhere(f)
		join := ""
		if len(w.conds) > 0 {
			join = "JOIN postmortems p ON p.id = s.postmortem_id"
		}
		w.add(tierConditions(w, terms, tier))
		if tier == cur.Tier {
			w.add("(s.sort_at, s.postmortem_id) < (" + w.arg(time.UnixMicro(cur.SortAt).UTC()) + ", " + w.arg(cur.ID) + ")")
		}
		rows, err := s.db.QueryContext(ctx, `SELECT s.sort_at, s.postmortem_id, m.summary, s.text_title, s.text_summary, s.text_body
			FROM postmortem_search s JOIN postmortem_summaries m ON m.postmortem_id = s.postmortem_id `+join+`
			WHERE `+w.sql()+` ORDER BY s.sort_at DESC, s.postmortem_id DESC LIMIT `+w.arg(limit+1-len(hits)), w.args...)
		if err != nil {
			return hindsight.Page{}, fmt.Errorf("search post-mortems: %w", err)
		}
		for rows.Next() {
			h := storedoc.SearchHit{Tier: tier}
			var at time.Time
			if err := rows.Scan(&at, &h.ID, &h.Summary, &h.Text.Title, &h.Text.Summary, &h.Text.Body); err != nil {
				rows.Close()
				return hindsight.Page{}, err
			}
			h.SortAt = at.UnixMicro()
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return hindsight.Page{}, fmt.Errorf("search post-mortems: %w", err)
		}
	}
	return storedoc.SearchPage(hits, limit, f.Q)
}
