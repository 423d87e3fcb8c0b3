package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/storedoc"
)

// Get reads one post-mortem: a single row by primary key.
func (s *Store) Get(ctx context.Context, id string) (*hindsight.PostMortem, error) {
	var doc []byte
	err := s.db.QueryRowContext(ctx, `SELECT doc FROM postmortems WHERE id = $1`, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("post-mortem %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get post-mortem %s: %w", id, err)
	}
	return storedoc.Decode(doc)
}

// List returns one page of summaries: newest incident first, or by
// relevance when f.Q is set.
func (s *Store) List(ctx context.Context, f hindsight.ListFilter) (hindsight.Page, error) {
	limit, err := storedoc.Limit(f.Limit)
	if err != nil {
		return hindsight.Page{}, err
	}
	terms := strings.Join(storedoc.Terms(f.Q), " ")
	search := terms != ""
	cur, err := storedoc.DecodeCursor(f.Cursor, search)
	if err != nil {
		return hindsight.Page{}, err
	}
	w := &where{}
	w.filters(f.Tag, f.Severity, string(f.Status), f.From, f.To)
	w.teamService(f.Team, f.Service)
	w.audience(f.Audience)
	var query string
	if search {
		q := "plainto_tsquery('english', " + w.arg(terms) + ")"
		w.add("s.search @@ " + q)
		join := ""
		if len(w.conds) > 1 {
			join = "JOIN postmortems p ON p.id = s.postmortem_id"
		}
		// Rank on the narrow search table alone, then read documents for
		// the page only.
		query = `WITH hits AS (
				SELECT s.postmortem_id AS id, ts_rank(s.rank_vec, ` + q + `) AS score, s.sort_at
				FROM postmortem_search s ` + join + ` WHERE ` + w.sql() + `
				ORDER BY score DESC, s.sort_at DESC, s.postmortem_id DESC
				LIMIT ` + w.arg(limit+1) + ` OFFSET ` + w.arg(cur.Offset) + `)
			SELECT p.doc FROM hits JOIN postmortems p ON p.id = hits.id
			ORDER BY hits.score DESC, hits.sort_at DESC, hits.id DESC`
	} else {
		if cur.ID != "" {
			w.add("(p.sort_at, p.id) < (" + w.arg(time.UnixMicro(cur.SortAt).UTC()) + ", " + w.arg(cur.ID) + ")")
		}
		query = `SELECT p.doc FROM postmortems p WHERE ` + w.sql() + ` ORDER BY p.sort_at DESC, p.id DESC LIMIT ` + w.arg(limit+1)
	}
	rows, err := s.db.QueryContext(ctx, query, w.args...)
	if err != nil {
		return hindsight.Page{}, fmt.Errorf("list post-mortems: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadPage(rows, limit, cur, search, f.Q)
}

// Head reads the version, author and access columns, never the document.
func (s *Store) Head(ctx context.Context, id string) (hindsight.Head, error) {
	h := hindsight.Head{ID: id}
	var readers []byte
	err := s.db.QueryRowContext(ctx, `SELECT version, author_id, restricted,
		array_to_json(ARRAY(SELECT reader FROM postmortem_readers r WHERE r.postmortem_id = p.id))
		FROM postmortems p WHERE id = $1`, id).Scan(&h.Version, &h.AuthorID, &h.Access.Restricted, &readers)
	if errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("post-mortem %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return h, err
	}
	list, err := storedoc.DecodeStrings(readers)
	h.Access = storedoc.AccessOf(h.Access.Restricted, list)
	return h, err
}
