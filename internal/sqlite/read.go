package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

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

// Version reads only the version column.
func (s *Store) Version(ctx context.Context, id string) (int64, error) {
	var v int64
	err := s.read.QueryRowContext(ctx, `SELECT version FROM postmortems WHERE id = ?`, id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("post-mortem %s: %w", id, hindsight.ErrNotFound)
	}
	return v, err
}
