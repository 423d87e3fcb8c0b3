package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// FindSession reads a session that has not expired.
func (s *Store) FindSession(ctx context.Context, key string, now time.Time) ([]byte, time.Time, bool, error) {
	var data []byte
	var expires time.Time
	err := s.db.QueryRowContext(ctx, `SELECT data, expires_at FROM sessions WHERE key = $1 AND expires_at > $2`, key, now).Scan(&data, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	return data, expires, err == nil, err
}

// CommitSession stores or replaces a session.
func (s *Store) CommitSession(ctx context.Context, key string, data []byte, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (key, data, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`, key, data, expires)
	return s.versions.wrote(ctx, err)
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE key = $1`, key)
	return s.versions.wrote(ctx, err)
}

// PurgeSessions deletes expired sessions, links and old sign-in failures.
func (s *Store) PurgeSessions(ctx context.Context, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM one_time_links WHERE expires_at <= $1`, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE at < $1`, now.Add(-24*time.Hour))
		return err
	})
}
