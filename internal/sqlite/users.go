package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"hindsight"
)

const userColumns = `id, email, name, role, groups, disabled, COALESCE(subject, ''), password_hash <> '', totp_secret <> '', created_at, last_sign_in_at, weekly_digest, teams, services`

// CreateUser stores a new account with its credentials.
func (s *Store) CreateUser(ctx context.Context, u *hindsight.User, c hindsight.Credentials, audit ...hindsight.AuditEvent) error {
	if u.ID == "" {
		u.ID = hindsight.NewID()
	}
	groups, _ := json.Marshal(u.Groups)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, name, role, groups, disabled, subject, password_hash, totp_secret, created_at)
			VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?)`,
			u.ID, u.Email, u.Name, u.Role, string(groups), u.Disabled, u.Subject, c.PasswordHash, c.TOTPSecret, micros(u.CreatedAt))
		if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed: users.email") {
			return hindsight.Invalid("email", "%s already has an account", u.Email)
		}
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		return appendAudit(ctx, tx, audit)
	})
}

// UpdateUser replaces an account's profile, role, groups and state.
func (s *Store) UpdateUser(ctx context.Context, u *hindsight.User, audit ...hindsight.AuditEvent) error {
	groups, _ := json.Marshal(u.Groups)
	teams, _ := json.Marshal(orEmpty(u.Teams))
	services, _ := json.Marshal(orEmpty(u.Services))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET email = ?, name = ?, role = ?, groups = ?, disabled = ?, subject = NULLIF(?, ''), weekly_digest = ?,
			teams = ?, services = ? WHERE id = ?`,
			u.Email, u.Name, u.Role, string(groups), u.Disabled, u.Subject, u.WeeklyDigest, string(teams), string(services), u.ID)
		if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed: users.email") {
			return hindsight.Invalid("email", "%s already has an account", u.Email)
		}
		if err := affected(res, err, "user "+u.ID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
}

// SetCredentials replaces an account's secrets.
func (s *Store) SetCredentials(ctx context.Context, userID string, c hindsight.Credentials, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, totp_secret = ? WHERE id = ?`, c.PasswordHash, c.TOTPSecret, userID)
		if err := affected(res, err, "user "+userID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
}

// TouchSignIn records a successful sign-in.
func (s *Store) TouchSignIn(ctx context.Context, userID string, at time.Time, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET last_sign_in_at = ? WHERE id = ?`, micros(at), userID)
		if err := affected(res, err, "user "+userID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
}

// GetUser reads an account by id.
func (s *Store) GetUser(ctx context.Context, id string) (*hindsight.User, error) {
	return s.userWhere(ctx, "id = ?", id)
}

// UserByEmail reads an account by e-mail (stored in lower case).
func (s *Store) UserByEmail(ctx context.Context, email string) (*hindsight.User, error) {
	return s.userWhere(ctx, "email = ?", email)
}

// UserBySubject reads the account linked to a single sign-on identity.
func (s *Store) UserBySubject(ctx context.Context, subject string) (*hindsight.User, error) {
	if subject == "" {
		return nil, fmt.Errorf("user: %w", hindsight.ErrNotFound)
	}
	return s.userWhere(ctx, "subject = ?", subject)
}

func (s *Store) userWhere(ctx context.Context, cond string, arg any) (*hindsight.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user: %w", hindsight.ErrNotFound)
	}
	return u, err
}

// Credentials reads an account's secrets.
func (s *Store) Credentials(ctx context.Context, userID string) (hindsight.Credentials, error) {
	var c hindsight.Credentials
	err := s.read.QueryRowContext(ctx, `SELECT password_hash, totp_secret FROM users WHERE id = ?`, userID).Scan(&c.PasswordHash, &c.TOTPSecret)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("user %s: %w", userID, hindsight.ErrNotFound)
	}
	return c, err
}

// ListUsers reads every account by e-mail.
func (s *Store) ListUsers(ctx context.Context) ([]hindsight.User, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	users := []hindsight.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		users = append(users, *u)
	}
	return users, rows.Err()
}

// CountAdmins counts admins who are not disabled.
func (s *Store) CountAdmins(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0`).Scan(&n)
	return n, err
}

type scanner interface{ Scan(...any) error }

func scanUser(row scanner) (*hindsight.User, error) {
	var u hindsight.User
	var groups, teams, services string
	var created int64
	var last *int64
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &groups, &u.Disabled, &u.Subject, &u.HasPassword, &u.TOTP, &created, &last, &u.WeeklyDigest,
		&teams, &services); err != nil {
		return nil, err
	}
	for _, l := range []struct {
		name, raw string
		to        *[]string
	}{{"groups", groups, &u.Groups}, {"teams", teams, &u.Teams}, {"services", services, &u.Services}} {
		if err := json.Unmarshal([]byte(l.raw), l.to); err != nil {
			return nil, fmt.Errorf("user %s %s: %w", u.ID, l.name, err)
		}
	}
	u.CreatedAt, u.LastSignInAt = fromMicros(created), fromNullMicros(last)
	return &u, nil
}

// affected turns an update that matched no row into ErrNotFound.
func affected(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("update %s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", what, hindsight.ErrNotFound)
	}
	return nil
}

// orEmpty is s, or an empty list for none, as a JSON array column keeps it.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
