package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"

	"modernc.org/sqlite"
)

// CreateAll stores the post-mortems of every batch, each as CreateMany
// stores it, in one transaction, the way SQLite loads fastest (see
// bulkSettings and load); encoding runs beside the writes, in a goroutine
// of its own (storedoc.Encoding).
func (s *Store) CreateAll(ctx context.Context, batches iter.Seq2[[]*hindsight.PostMortem, error]) error {
	defer s.checkpoints.pause()()
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	restore, err := bulkSettings(ctx, conn)
	defer restore()
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return storageErr(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback() // a no-op after Commit; the connection cannot close with a transaction open
	if err := load(ctx, tx, batches, s.bulkSizes); err != nil {
		return storageErr(err)
	}
	if err := tx.Commit(); err != nil {
		return storageErr(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// bulkSettings sets the connection up for a bulk load and returns what
// sets it back:
//   - a rollback journal instead of the write-ahead log when no other
//     connection has the database open: the pages a load adds then go
//     into the file once, rather than into the log and again into the
//     file. With other connections (a server reading) the log stays, so
//     they keep reading; a connection this store opens meanwhile would
//     fail to set the log up, so a load must not read through the store
//     (it does not: batches read nothing unless they link uploads).
//   - no foreign key checks: a load writes each row beside the
//     post-mortem it belongs to, and checking that post-mortem's row
//     again for every tag, person and countermeasure is a lookup each;
//   - helper threads for sorting the indexes it builds.
//
// The writer's own page cache (writerCacheKiB) is kept: a load with a
// 512 MiB one took 20 % longer at 100,000 post-mortems, spending the
// difference allocating, spilling and freeing cache pages, and needed
// 1 GB more memory.
func bulkSettings(ctx context.Context, conn *sql.Conn) (restore func(), err error) {
	var mode string
	restore = func() {
		ctx := context.WithoutCancel(ctx)
		if mode == "delete" {
			conn.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
		}
		conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
		conn.ExecContext(ctx, `PRAGMA threads = 0`)
	}
	err = conn.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode)
	var e *sqlite.Error
	if errors.As(err, &e) && e.Code()&0xff == sqliteBusy { // another connection has it open
		err = nil
	}
	if err != nil {
		return restore, err
	}
	for _, q := range []string{`PRAGMA foreign_keys = OFF`, `PRAGMA threads = 2`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return restore, err
		}
	}
	return restore, nil
}

// sqliteBusy is SQLite's result code for a database another connection
// holds (SQLITE_BUSY).
const sqliteBusy = 5

// bulkSizes are how many rows a bulk load writes per statement: rows of
// the side tables, and full-text entries (see ftsRows). Tests make them
// small, so a small load runs every path a large one does.
type bulkSizes struct{ rows, fts int }

var defaultBulkSizes = bulkSizes{rows: 1000, fts: ftsRows}

// bulkState is what a bulk load keeps in memory while it writes.
type bulkState struct {
	// people are the keys of the people written so far: one insert each.
	people map[string]bool
	// keys is the next search key of each second the load gave keys in;
	// empty says no post-mortem was stored when it began, so every other
	// second's first key is free.
	keys  map[int64]int64
	empty bool
	fts   ftsBatch
}

// load writes every batch in tx: statements prepared once; the rows of
// the side tables and the full-text entries many per statement; and, when
// the store holds no post-mortem yet, the secondary indexes dropped and
// built again once the rows are in, as sorting all the rows once costs a
// fraction of inserting each into every index.
func load(ctx context.Context, tx *sql.Tx, batches iter.Seq2[[]*hindsight.PostMortem, error], sizes bulkSizes) error {
	var stored bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM postmortems)`).Scan(&stored); err != nil {
		return err
	}
	var indexes []string
	if !stored {
		var err error
		if indexes, err = dropIndexes(ctx, tx); err != nil {
			return err
		}
	}
	st, err := prepare(ctx, tx)
	if err != nil {
		return err
	}
	defer st.close()
	st.bulk = &bulkState{people: map[string]bool{}, keys: map[int64]int64{}, empty: !stored, fts: ftsBatch{insert: st.insertFTS, per: sizes.fts}}
	var gathered []*bulkRows
	for _, w := range []*rowWriter{&st.tags, &st.readers, &st.postmortemPeople, &st.countermeasures, &st.versions, &st.summaries} {
		b := newBulkRows(tx, (*w).(stmtRows).ins, sizes.rows)
		*w, gathered = b, append(gathered, b)
	}
	if err := ftsHashSize(ctx, tx, ftsBulkHashBytes); err != nil {
		return err
	}
	// The statements run without ctx: the driver watches a context that
	// can end with a goroutine per statement, which costs as much as a
	// small insert. ctx is checked once a batch instead.
	w := context.WithoutCancel(ctx)
	for batch, err := range storedoc.Encoding(ctx, batches) {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range batch {
			if err := st.insertEncoded(w, &batch[i]); err != nil {
				return err
			}
			if err := st.recordRevision(w, batch[i].PostMortem, hindsight.Change{}); err != nil {
				return err
			}
		}
	}
	for _, b := range gathered {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	if err := st.bulk.fts.flush(ctx); err != nil {
		return err
	}
	if err := ftsHashSize(ctx, tx, ftsDefaultHashBytes); err != nil {
		return err
	}
	for _, q := range indexes {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("build index: %w", err)
		}
	}
	return nil
}

// appendedIndexes are the secondary indexes a load keeps: their rows
// come in their own order, or after the last row of one of a few keys
// (post-mortem ids grow as a load makes them), so each insert is an
// append to a page in the cache, cheaper than sorting them all again.
var appendedIndexes = []string{"countermeasures_facts", "countermeasures_owner", "postmortem_people_key", "postmortem_tags_tag"}

// loadedTables are the tables a load fills whose secondary indexes it
// may build afterwards.
var loadedTables = []string{"postmortems", "postmortem_tags", "postmortem_readers", "countermeasures", "postmortem_people"}

// dropIndexes drops the secondary indexes of the tables a load fills and
// returns the statements that make them again. Unique indexes stay, as
// they check the rows as they come.
func dropIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'
		AND tbl_name IN (SELECT value FROM json_each(?)) AND name NOT IN (SELECT value FROM json_each(?)) ORDER BY name`,
		`["`+strings.Join(loadedTables, `","`)+`"]`, `["`+strings.Join(appendedIndexes, `","`)+`"]`)
	if err != nil {
		return nil, err
	}
	names, defs, err := storedoc.ReadStringPairs(rows)
	rows.Close()
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return defs, nil
}
