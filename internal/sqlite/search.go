package sqlite

import (
	"context"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// tierMatches are the FTS5 queries of the search tiers (storedoc.Tiers)
// for terms: every word in the title; in the title and summary but not
// all in the title; anywhere else. Each word is quoted, so operators and
// punctuation in a query are just text.
func tierMatches(terms []string) map[int]string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	all := "(" + strings.Join(quoted, " AND ") + ")"
	title := "({title} : " + all + ")"
	summary := "({title summary} : " + all + ")"
	return map[int]string{
		storedoc.TierTitle:   title,
		storedoc.TierSummary: summary + " NOT " + title,
		storedoc.TierBody:    all + " NOT " + summary,
	}
}

// search reads a page of matches tier by tier, each tier in the full-text
// index's own rowid order (the search key: most recent incident first),
// so a page costs about as many index steps as it shows rows however
// common the words are. Filters join the post-mortem row of each match.
func (s *Store) search(ctx context.Context, terms []string, q string, where []string, args []any, limit int, cur storedoc.Cursor) (hindsight.Page, error) {
	join := ""
	if len(where) > 0 {
		join = "JOIN postmortems p ON p.id = s.postmortem_id"
	}
	var hits []storedoc.SearchHit
	matches := tierMatches(terms)
	for _, tier := range storedoc.Tiers {
		if tier < cur.Tier || len(hits) > limit {
			continue
		}
		conds := append([]string{"postmortem_fts MATCH ?"}, where...)
		a := append([]any{matches[tier]}, args...)
		if tier == cur.Tier {
			conds = append(conds, "f.rowid < ?")
			a = append(a, cur.Key)
		}
		rows, err := s.read.QueryContext(ctx, `SELECT f.rowid, s.summary, f.title, f.summary, f.body
			FROM postmortem_fts f JOIN postmortem_summaries s ON s.search_key = f.rowid `+join+`
			WHERE `+strings.Join(conds, " AND ")+` ORDER BY f.rowid DESC LIMIT ?`, append(a, limit+1-len(hits))...)
		if err != nil {
			return hindsight.Page{}, fmt.Errorf("search post-mortems: %w", err)
		}
		for rows.Next() {
			h := storedoc.SearchHit{Tier: tier}
			if err := rows.Scan(&h.Key, &h.Summary, &h.Text.Title, &h.Text.Summary, &h.Text.Body); err != nil {
				rows.Close()
				return hindsight.Page{}, err
			}
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return hindsight.Page{}, fmt.Errorf("search post-mortems: %w", err)
		}
	}
	return storedoc.SearchPage(hits, limit, q)
}
