package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
)

// Backup writes a consistent copy of the database to path while it is in
// use: VACUUM INTO reads one snapshot (WAL lets writers go on meanwhile)
// and writes a compact, self-contained file. It runs on a connection of
// its own, since the readers are query-only and the writer must not be
// held up.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists: a backup never overwrites a file", path)
	}
	db, err := sql.Open("sqlite", "file:"+s.path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// Check opens a database file read-only and checks it is whole and a
// Hindsight database: SQLite's integrity check passes and it has a
// migration history. Restore uses it before putting a backup in place.
func Check(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil {
		return fmt.Errorf("%s is not a SQLite database: %w", path, err)
	}
	if ok != "ok" {
		return fmt.Errorf("%s is damaged: %s", path, ok)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n == 0 {
		return fmt.Errorf("%s is not a Hindsight database", path)
	}
	return nil
}
