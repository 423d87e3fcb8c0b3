package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"hindsight/internal/storedoc"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key that serialises migrations, so
// several instances starting at once against a new database do not race.
const migrationLock = 0x48534d47 // "HSMG"

// migrate applies the numbered migrations not yet recorded, all in one
// transaction under the advisory lock.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	ms, err := storedoc.Migrations(migrations, "migrations")
	if err != nil {
		return err
	}
	for _, m := range ms {
		var done bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, m.Version).Scan(&done); err != nil {
			return err
		}
		if done {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, m.Version); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Ready reports whether the database answers and has every migration this
// binary knows applied.
func (s *Store) Ready(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var applied []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return err
		}
		applied = append(applied, v)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	pending, err := storedoc.Pending(migrations, "migrations", applied)
	if err != nil {
		return err
	}
	return storedoc.ReadyError(pending)
}
