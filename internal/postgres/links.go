package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hindsight"
)

// CreateOneTimeLink stores a link's hash.
func (s *Store) CreateOneTimeLink(ctx context.Context, l hindsight.OneTimeLink) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO one_time_links (hash, purpose, user_id, expires_at) VALUES ($1, $2, $3, $4)`,
		l.Hash, l.Purpose, l.UserID, l.ExpiresAt)
	return err
}

// UseOneTimeLink deletes and returns a live link in one statement, so two
// requests (on any instances) cannot both use it.
func (s *Store) UseOneTimeLink(ctx context.Context, hash, purpose string, now time.Time) (*hindsight.OneTimeLink, error) {
	return scanLink(s.db.QueryRowContext(ctx, `DELETE FROM one_time_links WHERE hash = $1 AND purpose = $2 AND expires_at > $3
		RETURNING hash, purpose, user_id, expires_at`, hash, purpose, now))
}

// PeekOneTimeLink reads a live link without using it.
func (s *Store) PeekOneTimeLink(ctx context.Context, hash, purpose string, now time.Time) (*hindsight.OneTimeLink, error) {
	return scanLink(s.db.QueryRowContext(ctx, `SELECT hash, purpose, user_id, expires_at FROM one_time_links
		WHERE hash = $1 AND purpose = $2 AND expires_at > $3`, hash, purpose, now))
}

func scanLink(row scanner) (*hindsight.OneTimeLink, error) {
	var l hindsight.OneTimeLink
	err := row.Scan(&l.Hash, &l.Purpose, &l.UserID, &l.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("link: %w", hindsight.ErrNotFound)
	}
	l.ExpiresAt = l.ExpiresAt.UTC()
	return &l, err
}

// RecordFailure counts a failed sign-in under key.
func (s *Store) RecordFailure(ctx context.Context, key string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO signin_failures (key, at) VALUES ($1, $2)`, key, at)
	return err
}

// CountFailures counts key's failures since a time and the oldest of them.
func (s *Store) CountFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var n int
	var oldest *time.Time
	err := s.db.QueryRowContext(ctx, `SELECT count(*), min(at) FROM signin_failures WHERE key = $1 AND at >= $2`, key, since).Scan(&n, &oldest)
	if err != nil || oldest == nil {
		return n, time.Time{}, err
	}
	return n, oldest.UTC(), nil
}

// ClearFailures forgets key's failures.
func (s *Store) ClearFailures(ctx context.Context, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM signin_failures WHERE key = $1`, key)
	return err
}
