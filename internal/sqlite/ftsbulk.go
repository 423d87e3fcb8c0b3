package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"hindsight/internal/storedoc"
)

// ftsRows is how many full-text entries a bulk load gathers before it
// writes them (bulkSizes.fts). FTS5 keeps the entries it is given in
// memory and writes them out as a new segment (which later merges cost)
// whenever an entry's rowid is below the one before, when they pass its
// hash size, and at the start of every statement that opens a statement
// journal, which an insert of more than one row into it does. So entries
// are gathered, sorted by rowid and inserted one per statement, under a
// hash size that holds them all; the other tables' inserts of many rows
// are OR FAIL, which opens no statement journal either (see the row
// inserts in statements.go).
const ftsRows = 8000

// The full-text index's hash size during a bulk load, and FTS5's default,
// which every save keeps.
const ftsBulkHashBytes, ftsDefaultHashBytes = 256 << 20, 1 << 20

// ftsHashSize sets the full-text index's hash size.
func ftsHashSize(ctx context.Context, tx *sql.Tx, bytes int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO postmortem_fts (postmortem_fts, rank) VALUES ('hashsize', ?)`, bytes)
	return err
}

// ftsEntry is one post-mortem's full-text entry under its search key.
type ftsEntry struct {
	key  int64
	text storedoc.SearchText
}

// ftsBatch gathers the full-text entries of a bulk load, up to per, and
// writes them with insert, the statement that writes one.
type ftsBatch struct {
	insert  *sql.Stmt
	per     int
	entries []ftsEntry
}

func (b *ftsBatch) add(ctx context.Context, key int64, t storedoc.SearchText) error {
	b.entries = append(b.entries, ftsEntry{key, t})
	if len(b.entries) < b.per {
		return nil
	}
	return b.flush(ctx)
}

// flush inserts the entries gathered, in rowid order.
func (b *ftsBatch) flush(ctx context.Context) error {
	slices.SortFunc(b.entries, func(x, y ftsEntry) int { return cmp.Compare(x.key, y.key) })
	for _, e := range b.entries {
		if _, err := b.insert.ExecContext(ctx, e.key, e.text.Title, e.text.Summary, e.text.Body); err != nil {
			return fmt.Errorf("index post-mortems: %w", err)
		}
	}
	b.entries = b.entries[:0]
	return nil
}
