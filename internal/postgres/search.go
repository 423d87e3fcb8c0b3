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
// first. The planner reads a tier either from the GIN indexes, sorting
// what they find, or by walking the search table's (sort_at, id) index
// until a page is found, which it chooses when it expects the words to be
// common. When it would walk, the tier's matches are first probed on the
// GIN indexes, unordered and up to searchProbe of them (tierIDs): a tier
// with fewer (a common word in no title, say) is sorted whole instead,
// as the walk would read every row before giving up (a second at
// 100,000); a tier with more matches is dense enough that the walk stops
// after a few hundred rows. Filters join the post-mortem row of each
// match.
func (s *Store) search(ctx context.Context, f hindsight.ListFilter, terms []string, limit int, cur storedoc.Cursor) (hindsight.Page, error) {
	var hits []storedoc.SearchHit
	for _, tier := range storedoc.Tiers {
		if tier < cur.Tier || len(hits) > limit {
			continue
		}
		want := limit + 1 - len(hits)
		w, join := s.tierWhere(f, terms, tier, cur), filterJoin(f)
		walks, err := s.walksRecent(ctx, join, w, want)
		if err != nil {
			return hindsight.Page{}, err
		}
		if walks || alwaysProbe {
			ids, all, err := s.tierIDs(ctx, join, w.clone())
			if err != nil {
				return hindsight.Page{}, err
			}
			if len(ids) == 0 {
				continue
			}
			if all {
				w, join = &where{}, ""
				w.add("s.postmortem_id = ANY(" + w.arg(ids) + ")")
			}
		}
		tierHits, err := s.tierHits(ctx, join, w, want, tier)
		if err != nil {
			return hindsight.Page{}, err
		}
		hits = append(hits, tierHits...)
	}
	return storedoc.SearchPage(hits, limit, f.Q)
}

// tierQuery reads up to n of a tier's matches selected by w (over join),
// newest incident first, with what a hit shows.
func tierQuery(join string, w *where, n int) string {
	return `SELECT s.sort_at, s.postmortem_id, m.summary, s.text_title, s.text_summary, s.text_body
		FROM postmortem_search s JOIN postmortem_summaries m ON m.postmortem_id = s.postmortem_id ` + join + `
		WHERE ` + w.sql() + ` ORDER BY s.sort_at DESC, s.postmortem_id DESC LIMIT ` + w.arg(n)
}

// walksRecent says whether the planner would read a tier by walking the
// search table's recency index (see search).
func (s *Store) walksRecent(ctx context.Context, join string, w *where, n int) (bool, error) {
	probe := w.clone()
	rows, err := s.db.QueryContext(ctx, `EXPLAIN `+tierQuery(join, probe, n), probe.args...)
	if err != nil {
		return false, fmt.Errorf("search post-mortems: %w", err)
	}
	defer rows.Close()
	walks := false
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return false, err
		}
		walks = walks || strings.Contains(line, "postmortem_search_recent")
	}
	return walks, rows.Err()
}

// searchProbe is how many of a tier's matches the probe reads at most;
// alwaysProbe probes every tier. Both are variables for tests.
var (
	searchProbe = 400
	alwaysProbe = false
)

// tierWhere selects a tier's matches past the cursor, with the filters.
func (s *Store) tierWhere(f hindsight.ListFilter, terms []string, tier int, cur storedoc.Cursor) *where {
	w := listWhere(f)
	w.add(tierConditions(w, terms, tier))
	if tier == cur.Tier {
		w.add("(s.sort_at, s.postmortem_id) < (" + w.arg(time.UnixMicro(cur.SortAt).UTC()) + ", " + w.arg(cur.ID) + ")")
	}
	return w
}

// tierIDs reads the ids of up to searchProbe of a tier's matches selected
// by w (over join), in no order, and says whether that was all of them.
func (s *Store) tierIDs(ctx context.Context, join string, w *where) ([]string, bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.postmortem_id FROM postmortem_search s `+join+`
		WHERE `+w.sql()+` LIMIT `+w.arg(searchProbe+1), w.args...)
	if err != nil {
		return nil, false, fmt.Errorf("search post-mortems: %w", err)
	}
	defer rows.Close()
	ids, err := storedoc.ReadStrings(rows)
	if err != nil {
		return nil, false, fmt.Errorf("search post-mortems: %w", err)
	}
	return ids, len(ids) <= searchProbe, nil
}

// tierHits reads up to n of a tier's matches selected by w (over join),
// newest incident first, with what a hit shows.
func (s *Store) tierHits(ctx context.Context, join string, w *where, n, tier int) ([]storedoc.SearchHit, error) {
	rows, err := s.db.QueryContext(ctx, tierQuery(join, w, n), w.args...)
	if err != nil {
		return nil, fmt.Errorf("search post-mortems: %w", err)
	}
	defer rows.Close()
	var hits []storedoc.SearchHit
	for rows.Next() {
		h := storedoc.SearchHit{Tier: tier}
		var at time.Time
		if err := rows.Scan(&at, &h.ID, &h.Summary, &h.Text.Title, &h.Text.Summary, &h.Text.Body); err != nil {
			return nil, err
		}
		h.SortAt = at.UnixMicro()
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search post-mortems: %w", err)
	}
	return hits, nil
}

// filterJoin joins the post-mortem row of each match when filters need it.
func filterJoin(f hindsight.ListFilter) string {
	if len(listWhere(f).conds) > 0 {
		return "JOIN postmortems p ON p.id = s.postmortem_id"
	}
	return ""
}
