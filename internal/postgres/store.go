// Package postgres is the Store for organisations that run several
// Hindsight instances on one database. Everything lives in PostgreSQL —
// documents, search index, projections — so instances share nothing in
// memory and any of them can serve any request.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hindsight/internal/sqlrecords"
	"hindsight/internal/storedoc"
	"time"

	"hindsight"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Options configure a Store.
//
// It has no clock: the service stamps every time a store keeps.
type Options struct{}

// Store is the PostgreSQL implementation of hindsight.Store.
type Store struct {
	db       *sql.DB
	versions *versionWatch
	*sqlrecords.Records
}

var _ hindsight.Store = (*Store)(nil)

// Open connects to the database at url and applies pending migrations.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate postgres: %w", err)
	}
	if err := backfillSearch(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("index post-mortems: %w", err)
	}
	s := &Store{db: db, versions: newVersionWatch(url, db), Records: sqlrecords.New(db, db, sqlrecords.Postgres, appendAudit)}
	s.Records.Committed = s.versions.wrote
	return s, nil
}

// Close stops listening and closes the pool.
func (s *Store) Close() error {
	s.versions.close()
	return s.db.Close()
}

// inTx runs fn in one transaction, committing only if it succeeds.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, rollback(tx))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return s.versions.wrote(ctx, nil)
}

func rollback(tx *sql.Tx) error {
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Pools is the connection pool, for the metrics.
func (s *Store) Pools() map[string]*sql.DB { return map[string]*sql.DB{"postgres": s.db} }

// CountByStatus counts post-mortems by status.
func (s *Store) CountByStatus(ctx context.Context) (map[hindsight.Status]int, error) {
	return storedoc.CountByStatus(ctx, s.db)
}

// QueueDB is the pool the job queue shares.
func (s *Store) QueueDB() *sql.DB { return s.db }
