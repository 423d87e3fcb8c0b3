package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// FindSession reads a session that has not expired.
func (s *Store) FindSession(ctx context.Context, key string, now time.Time) ([]byte, time.Time, bool, error) {
	var data []byte
	var expires int64
	err := s.read.QueryRowContext(ctx, `SELECT data, expires_at FROM sessions WHERE key = ? AND expires_at > ?`, key, micros(now)).Scan(&data, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	return data, fromMicros(expires), err == nil, err
}

// CommitSession stores or replaces a session.
func (s *Store) CommitSession(ctx context.Context, key string, data []byte, expires time.Time) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO sessions (key, data, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`, key, data, micros(expires))
	return err
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, key string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE key = ?`, key)
	return err
}

// PurgeSessions deletes expired sessions and sign-in failures older than
// any throttle window.
func (s *Store) PurgeSessions(ctx context.Context, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, micros(now)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM one_time_links WHERE expires_at <= ?`, micros(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM signin_failures WHERE at < ?`, micros(now.Add(-24*time.Hour)))
		return err
	})
}
