package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"hindsight/internal/storedoc"
)

// ftsRows is how many full-text entries a bulk load inserts at a time
// (bulkSizes.fts).
// FTS5 writes the entries it holds out as a new segment (which later
// merges cost) at the start of every statement, whenever an entry's rowid
// is below the one before and when they pass its hash size; so entries
// are gathered, sorted by rowid and inserted many per statement, under a
// hash size that holds them all. Four parameters an entry, within
// SQLite's 32,766.
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

// ftsBatch gathers the full-text entries of a bulk load, up to per.
type ftsBatch struct {
	tx      *sql.Tx
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
	n := len(b.entries)
	if n == 0 {
		return nil
	}
	slices.SortFunc(b.entries, func(x, y ftsEntry) int { return cmp.Compare(x.key, y.key) })
	args := make([]any, 0, 4*n)
	for _, e := range b.entries {
		args = append(args, e.key, e.text.Title, e.text.Summary, e.text.Body)
	}
	if _, err := b.tx.ExecContext(ctx, ftsRowInsert.sql(n), args...); err != nil {
		return fmt.Errorf("index post-mortems: %w", err)
	}
	b.entries = b.entries[:0]
	return nil
}
