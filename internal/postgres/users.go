package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hindsight/internal/storedoc"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"hindsight"
)

const userColumns = `id, email, name, role, array_to_json(groups), disabled, COALESCE(subject, ''), password_hash <> '', totp_secret <> '', created_at, last_sign_in_at, weekly_digest, array_to_json(teams), array_to_json(services)`

// CreateUser stores a new account with its credentials.
func (s *Store) CreateUser(ctx context.Context, u *hindsight.User, c hindsight.Credentials, audit ...hindsight.AuditEvent) error {
	if u.ID == "" {
		u.ID = hindsight.NewID()
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, name, role, groups, disabled, subject, password_hash, totp_secret, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), $8, $9, $10)`,
			u.ID, u.Email, u.Name, u.Role, nonNil(u.Groups), u.Disabled, u.Subject, c.PasswordHash, c.TOTPSecret, u.CreatedAt)
		if uniqueViolation(err, "users_email_key") {
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
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET email = $1, name = $2, role = $3, groups = $4, disabled = $5, subject = NULLIF($6, ''), weekly_digest = $7,
			teams = $8, services = $9 WHERE id = $10`,
			u.Email, u.Name, u.Role, nonNil(u.Groups), u.Disabled, u.Subject, u.WeeklyDigest, nonNil(u.Teams), nonNil(u.Services), u.ID)
		if uniqueViolation(err, "users_email_key") {
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
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, totp_secret = $2 WHERE id = $3`, c.PasswordHash, c.TOTPSecret, userID)
		if err := affected(res, err, "user "+userID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
}

// TouchSignIn records a successful sign-in.
func (s *Store) TouchSignIn(ctx context.Context, userID string, at time.Time, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET last_sign_in_at = $1 WHERE id = $2`, at, userID)
		if err := affected(res, err, "user "+userID); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
}

// GetUser reads an account by id.
func (s *Store) GetUser(ctx context.Context, id string) (*hindsight.User, error) {
	return s.userWhere(ctx, "id = $1", id)
}

// UserByEmail reads an account by e-mail (stored in lower case).
func (s *Store) UserByEmail(ctx context.Context, email string) (*hindsight.User, error) {
	return s.userWhere(ctx, "email = $1", email)
}

// UserBySubject reads the account linked to a single sign-on identity.
func (s *Store) UserBySubject(ctx context.Context, subject string) (*hindsight.User, error) {
	if subject == "" {
		return nil, fmt.Errorf("user: %w", hindsight.ErrNotFound)
	}
	return s.userWhere(ctx, "subject = $1", subject)
}

func (s *Store) userWhere(ctx context.Context, cond string, arg any) (*hindsight.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user: %w", hindsight.ErrNotFound)
	}
	return u, err
}

// Credentials reads an account's secrets.
func (s *Store) Credentials(ctx context.Context, userID string) (hindsight.Credentials, error) {
	var c hindsight.Credentials
	err := s.db.QueryRowContext(ctx, `SELECT password_hash, totp_secret FROM users WHERE id = $1`, userID).Scan(&c.PasswordHash, &c.TOTPSecret)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("user %s: %w", userID, hindsight.ErrNotFound)
	}
	return c, err
}

// ListUsers reads every account by e-mail.
func (s *Store) ListUsers(ctx context.Context) ([]hindsight.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY email COLLATE "C"`)
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
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled`).Scan(&n)
	return n, err
}

type scanner interface{ Scan(...any) error }

func scanUser(row scanner) (*hindsight.User, error) {
	var u hindsight.User
	var groups, teams, services []byte
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &groups, &u.Disabled, &u.Subject, &u.HasPassword, &u.TOTP, &u.CreatedAt, &u.LastSignInAt, &u.WeeklyDigest,
		&teams, &services); err != nil {
		return nil, err
	}
	for _, l := range []struct {
		name string
		raw  []byte
		to   *[]string
	}{{"groups", groups, &u.Groups}, {"teams", teams, &u.Teams}, {"services", services, &u.Services}} {
		var err error
		if *l.to, err = storedoc.DecodeStrings(l.raw); err != nil {
			return nil, fmt.Errorf("user %s %s: %w", u.ID, l.name, err)
		}
	}
	u.CreatedAt = u.CreatedAt.UTC()
	if u.LastSignInAt != nil {
		t := u.LastSignInAt.UTC()
		u.LastSignInAt = &t
	}
	return &u, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// uniqueViolation reports whether err broke the named unique constraint.
func uniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == constraint
}

// affected turns a statement that matched no row into ErrNotFound.
func affected(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", what, hindsight.ErrNotFound)
	}
	return nil
}
