package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	if len(terms) > 0 {
		return s.search(ctx, f, terms, limit, cur)
	}
	w := listWhere(f)
	if cur.ID != "" {
		w.add("(p.sort_at, p.id) < (" + w.arg(time.UnixMicro(cur.SortAt).UTC()) + ", " + w.arg(cur.ID) + ")")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT m.summary FROM postmortems p JOIN postmortem_summaries m ON m.postmortem_id = p.id
		WHERE `+w.sql()+` ORDER BY p.sort_at DESC, p.id DESC LIMIT `+w.arg(limit+1), w.args...)
	if err != nil {
		return hindsight.Page{}, fmt.Errorf("list post-mortems: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadPage(rows, limit)
}

// listWhere is the filters and audience of f over alias p.
func listWhere(f hindsight.ListFilter) *where {
	w := &where{}
	w.filters(f.Tag, f.Severity, string(f.Status), f.From, f.To)
	w.teamService(f.Team, f.Service)
	w.audience(f.Audience)
	return w
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
