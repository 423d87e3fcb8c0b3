package storedoc

import (
	"context"
	"database/sql"

	"hindsight"
)

// backfillBatch is how many documents one backfill transaction fills.
const backfillBatch = 500

// Backfill gives stored post-mortems what a migration added a place for
// but SQL alone cannot compute: query selects up to $1/? documents still
// lacking it, fill writes it for them in the same transaction, and this
// repeats until query selects none, so a database of any size is brought up
// to date a batch per transaction.
func Backfill(ctx context.Context, db *sql.DB, query string, fill func(tx *sql.Tx, ps []*hindsight.PostMortem) error) error {
	for {
		done, err := backfillOnce(ctx, db, query, fill)
		if err != nil || done {
			return err
		}
	}
}

func backfillOnce(ctx context.Context, db *sql.DB, query string, fill func(tx *sql.Tx, ps []*hindsight.PostMortem) error) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, query, backfillBatch)
	if err != nil {
		return false, err
	}
	docs, err := DecodeAll(rows)
	rows.Close()
	if err != nil || len(docs) == 0 {
		return true, err
	}
	if err := fill(tx, docs); err != nil {
		return false, err
	}
	return false, tx.Commit()
}
