// Package sqlite is the embedded Store: one SQLite file, pure Go (no cgo),
// so `go run ./cmd/hindsight` needs nothing installed.
//
// Writes go through a single connection (SQLite allows one writer; queuing
// them in Go avoids busy errors) with BEGIN IMMEDIATE and synchronous=FULL,
// so a commit that returned survives a crash. Reads use a separate pool of
// query-only connections that WAL lets run beside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hindsight/internal/sqlrecords"
	"hindsight/internal/storedoc"
	"net/url"
	"runtime"

	"hindsight"

	"modernc.org/sqlite" // registers the "sqlite" driver
)

// Options configure a Store.
//
// It has no clock: the service stamps every time a store keeps.
type Options struct{}

// Store is the SQLite implementation of hindsight.Store.
type Store struct {
	write    *sql.DB
	read     *preparedDB
	versions *versionCheck
	// checkpoints copy the write-ahead log into the file.
	checkpoints *checkpointer
	path        string
	// bulkSizes are CreateAll's statement sizes.
	bulkSizes bulkSizes
	*sqlrecords.Records
}

var _ hindsight.Store = (*Store)(nil)

// writerCacheKiB is the writer's page cache: it keeps the indexes a save
// changes (the full-text index's above all) out of read syscalls.
const writerCacheKiB = 32 << 10

// connPragmas are a connection's settings, with a page cache of cacheKiB.
func connPragmas(cacheKiB int, extra ...string) url.Values {
	pragmas := url.Values{}
	for _, p := range append([]string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(FULL)",
		fmt.Sprintf("cache_size(-%d)", cacheKiB), "temp_store(MEMORY)"}, extra...) {
		pragmas.Add("_pragma", p)
	}
	return pragmas
}

// Open opens (creating if needed) the database file at path and applies
// any pending migrations.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	// The writer leaves checkpoints to the checkpointer.
	pragmas := connPragmas(writerCacheKiB, "wal_autocheckpoint(0)")
	write, err := sql.Open("sqlite", "file:"+path+"?"+pragmas.Encode()+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	if err := backfillSearch(ctx, write); err != nil {
		write.Close()
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	// Readers read pages through the kernel's file cache, which they
	// share, into page caches of their own, kept small: a reader per CPU
	// at 64 MiB each would be most of the process's memory. The file is
	// not mapped into memory: each connection mapped it apart, faulted
	// every page in again for itself, and mapped it anew each time saves
	// grew the file, which cost more CPU under load than reads do.
	pragmas = connPragmas(8<<10, "query_only(1)")
	read, err := sql.Open("sqlite", "file:"+path+"?"+pragmas.Encode())
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	watch, err := sql.Open("sqlite", "file:"+path+"?"+pragmas.Encode())
	if err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	check, err := sql.Open("sqlite", "file:"+path+"?"+connPragmas(1<<10).Encode())
	if err != nil {
		write.Close()
		read.Close()
		watch.Close()
		return nil, fmt.Errorf("open %s for checkpoints: %w", path, err)
	}
	return &Store{write: write, read: newPreparedDB(read), versions: newVersionCheck(watch), checkpoints: startCheckpointer(check),
		path: path, bulkSizes: defaultBulkSizes, Records: sqlrecords.New(read, write, sqlrecords.SQLite, appendAudit)}, nil
}

// Close closes the pools.
func (s *Store) Close() error {
	return errors.Join(s.checkpoints.close(), s.versions.close(), s.read.Close(), s.write.Close())
}

// inTx runs fn in one write transaction, committing only if it succeeds.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return storageErr(fmt.Errorf("begin: %w", err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return storageErr(err)
	}
	if err := tx.Commit(); err != nil {
		return storageErr(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// sqliteFull is SQLite's result code for a full disk (SQLITE_FULL).
const sqliteFull = 13

// storageErr marks a write that failed because the disk is full, so it is
// answered as such (nothing was written; free space) and not as a fault.
func storageErr(err error) error {
	var e *sqlite.Error
	if errors.As(err, &e) && e.Code()&0xff == sqliteFull {
		return fmt.Errorf("%w: %v", hindsight.ErrStorageFull, err)
	}
	return err
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// Pools are the writer and the readers, for the metrics.
func (s *Store) Pools() map[string]*sql.DB {
	return map[string]*sql.DB{"sqlite_write": s.write, "sqlite_read": s.read.DB}
}

// CountByStatus counts post-mortems by status.
func (s *Store) CountByStatus(ctx context.Context) (map[hindsight.Status]int, error) {
	return storedoc.CountByStatus(ctx, s.read)
}

// QueueDB is the pool the job queue shares: the one writer connection,
// so queue and store never fight over SQLite's lock.
func (s *Store) QueueDB() *sql.DB { return s.write }

// ReadDB is the query-only pool, for copying a whole database elsewhere.
func (s *Store) ReadDB() *sql.DB { return s.read.DB }
