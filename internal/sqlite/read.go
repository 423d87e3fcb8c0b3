package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// Get reads one post-mortem: a single row by primary key.
func (s *Store) Get(ctx context.Context, id string) (*hindsight.PostMortem, error) {
	var doc []byte
	err := s.read.QueryRowContext(ctx, `SELECT doc FROM postmortems WHERE id = ?`, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("post-mortem %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get post-mortem %s: %w", id, err)
	}
	return storedoc.Decode(doc)
}

// Head reads the version, author and access columns, never the document.
func (s *Store) Head(ctx context.Context, id string) (hindsight.Head, error) {
	h := hindsight.Head{ID: id}
	var readers *string
	err := s.read.QueryRowContext(ctx, `SELECT version, author_id, restricted,
		(SELECT group_concat(reader, char(31)) FROM postmortem_readers r WHERE r.postmortem_id = p.id)
		FROM postmortems p WHERE id = ?`, id).Scan(&h.Version, &h.AuthorID, &h.Access.Restricted, &readers)
	if errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("post-mortem %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return h, err
	}
	if readers != nil {
		h.Access = storedoc.AccessOf(h.Access.Restricted, strings.Split(*readers, "\x1f"))
	}
	return h, nil
}
