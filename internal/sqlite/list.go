package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// List returns one page of summaries: newest incident first, or by
// relevance when f.Q is set.
func (s *Store) List(ctx context.Context, f hindsight.ListFilter) (hindsight.Page, error) {
	limit, err := storedoc.Limit(f.Limit)
	if err != nil {
		return hindsight.Page{}, err
	}
	match := ftsQuery(f.Q)
	cur, err := storedoc.DecodeCursor(f.Cursor, match != "")
	if err != nil {
		return hindsight.Page{}, err
	}
	where, args := listWhere(f)
	var query string
	if match != "" {
		query, args = searchQuery(match, where, args, limit+1, cur.Offset)
	} else {
		if cur.ID != "" {
			where = append(where, "(p.sort_at, p.id) < (?, ?)")
			args = append(args, cur.SortAt, cur.ID)
		}
		query = `SELECT p.doc FROM postmortems p
			WHERE ` + strings.Join(append(where, "1"), " AND ") + `
			ORDER BY p.sort_at DESC, p.id DESC LIMIT ?`
		args = append(args, limit+1)
	}
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return hindsight.Page{}, fmt.Errorf("list post-mortems: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadPage(rows, limit, cur, match != "", f.Q)
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

// ftsQuery makes an FTS5 query that matches every word of q (after
// stemming, as PostgreSQL does). Each word is quoted, so operators and
// punctuation in q are just text. "" means q has no words.
func ftsQuery(q string) string {
	terms := storedoc.Terms(q)
	for i, t := range terms {
		terms[i] = `"` + t + `"`
	}
	return strings.Join(terms, " ")
}

// searchQuery ranks the matches first, on the index and the fewest
// columns possible, then fetches documents and snippets for the page
// alone: otherwise SQLite carries every match's document through the sort.
// Without filters the ranking never leaves the full-text index. Ties go to
// the newer row.
func searchQuery(match string, where []string, args []any, limit, offset int) (string, []any) {
	hits := `SELECT rowid AS rid, bm25(postmortem_fts, 10.0, 4.0, 1.0) AS score FROM postmortem_fts
		WHERE postmortem_fts MATCH ? ORDER BY score, rowid DESC LIMIT ? OFFSET ?`
	if len(where) > 0 {
		hits = `SELECT f.rowid AS rid, bm25(postmortem_fts, 10.0, 4.0, 1.0) AS score
			FROM postmortem_fts f JOIN postmortems p ON p.rowid = f.rowid
			WHERE ` + strings.Join(where, " AND ") + ` AND postmortem_fts MATCH ?
			ORDER BY score, f.rowid DESC LIMIT ? OFFSET ?`
	}
	args = append(args, match, limit, offset)
	return `WITH hits AS (` + hits + `)
		SELECT p.doc FROM hits JOIN postmortems p ON p.rowid = hits.rid
		ORDER BY hits.score, hits.rid DESC`, args
}
