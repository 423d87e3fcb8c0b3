package sqlite

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
	_, err := s.write.ExecContext(ctx, `INSERT INTO one_time_links (hash, purpose, user_id, expires_at) VALUES (?, ?, ?, ?)`,
		l.Hash, l.Purpose, l.UserID, micros(l.ExpiresAt))
	return err
}

// UseOneTimeLink deletes and returns a live link in one statement, so two
// requests cannot both use it.
func (s *Store) UseOneTimeLink(ctx context.Context, hash, purpose string, now time.Time) (*hindsight.OneTimeLink, error) {
	return scanLink(s.write.QueryRowContext(ctx, `DELETE FROM one_time_links WHERE hash = ? AND purpose = ? AND expires_at > ?
		RETURNING hash, purpose, user_id, expires_at`, hash, purpose, micros(now)))
}

// PeekOneTimeLink reads a live link without using it.
func (s *Store) PeekOneTimeLink(ctx context.Context, hash, purpose string, now time.Time) (*hindsight.OneTimeLink, error) {
	return scanLink(s.read.QueryRowContext(ctx, `SELECT hash, purpose, user_id, expires_at FROM one_time_links
		WHERE hash = ? AND purpose = ? AND expires_at > ?`, hash, purpose, micros(now)))
}

func scanLink(row scanner) (*hindsight.OneTimeLink, error) {
	var l hindsight.OneTimeLink
	var exp int64
	err := row.Scan(&l.Hash, &l.Purpose, &l.UserID, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("link: %w", hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	l.ExpiresAt = fromMicros(exp)
	return &l, nil
}

// RecordFailure counts a failed sign-in under key.
func (s *Store) RecordFailure(ctx context.Context, key string, at time.Time) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO signin_failures (key, at) VALUES (?, ?)`, key, micros(at))
	return err
}

// CountFailures counts key's failures since a time and the oldest of them.
func (s *Store) CountFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var n int
	var oldest *int64
	err := s.read.QueryRowContext(ctx, `SELECT count(*), min(at) FROM signin_failures WHERE key = ? AND at >= ?`, key, micros(since)).Scan(&n, &oldest)
	if err != nil || oldest == nil {
		return n, time.Time{}, err
	}
	return n, fromMicros(*oldest), nil
}

// ClearFailures forgets key's failures.
func (s *Store) ClearFailures(ctx context.Context, key string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM signin_failures WHERE key = ?`, key)
	return err
}
