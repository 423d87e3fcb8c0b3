package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hindsight"
)

const tokenColumns = `id, user_id, name, hash, read_only, purpose, created_at, expires_at, last_used_at, revoked_at`

// CreateToken stores a token's hash.
func (s *Store) CreateToken(ctx context.Context, t *hindsight.Token, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tokens (`+tokenColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
			t.ID, t.UserID, t.Name, t.Hash, t.ReadOnly, t.Purpose, micros(t.CreatedAt), microsPtr(t.ExpiresAt)); err != nil {
			return fmt.Errorf("create token: %w", err)
		}
		return appendAudit(ctx, tx, audit)
	})
}

// TokenByHash reads a token by its hash.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*hindsight.Token, error) {
	t, err := scanToken(s.read.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("token: %w", hindsight.ErrNotFound)
	}
	return t, err
}

// ListTokens reads a user's tokens, newest first.
func (s *Store) ListTokens(ctx context.Context, userID string) ([]hindsight.Token, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	out := []hindsight.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// RevokeToken marks one of a user's tokens revoked.
func (s *Store) RevokeToken(ctx context.Context, userID, id string, at time.Time, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND user_id = ?`, micros(at), id, userID)
		if err := affected(res, err, "token "+id); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
}

// TouchToken records a token's last use.
func (s *Store) TouchToken(ctx context.Context, id string, at time.Time) error {
	_, err := s.write.ExecContext(ctx, `UPDATE tokens SET last_used_at = ? WHERE id = ?`, micros(at), id)
	return err
}

func scanToken(row scanner) (*hindsight.Token, error) {
	var t hindsight.Token
	var created int64
	var expires, used, revoked *int64
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, &t.ReadOnly, &t.Purpose, &created, &expires, &used, &revoked); err != nil {
		return nil, err
	}
	t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt = fromMicros(created), fromNullMicros(expires), fromNullMicros(used), fromNullMicros(revoked)
	return &t, nil
}
