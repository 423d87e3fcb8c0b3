package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"hindsight"
	"hindsight/internal/storedoc"
)

// keysPerSecond is how many post-mortems starting in the same second can
// each have their own search key.
const keysPerSecond = 1_000_000

// searchKeyBase is the first search key of the second a post-mortem sorts
// at (microseconds rounded down to the second, also before 1970).
func searchKeyBase(sortAt int64) int64 {
	sec := sortAt / keysPerSecond
	if sortAt%keysPerSecond < 0 {
		sec--
	}
	return sec * keysPerSecond
}

// writeSearch writes p's list summary and full-text entry under the first
// free search key of its second.
func (st *statements) writeSearch(ctx context.Context, e *storedoc.Encoded) error {
	key, err := st.searchKey(ctx, sortAt(e.PostMortem))
	if err != nil {
		return err
	}
	if err := st.summaries.add(ctx, e.ID, key, e.Summary); err != nil {
		return fmt.Errorf("insert summary: %w", err)
	}
	if st.bulk != nil {
		return st.bulk.fts.add(ctx, key, e.Text)
	}
	if _, err := st.insertFTS.ExecContext(ctx, key, e.Text.Title, e.Text.Summary, e.Text.Body); err != nil {
		return fmt.Errorf("index post-mortem: %w", err)
	}
	return nil
}

// searchKey is the first free search key of the second sortAt falls in.
// A bulk load, whose summaries are written later, keeps the keys it gave
// out and asks the database only about seconds it has not seen, and not
// at all when the store held nothing when it began.
func (st *statements) searchKey(ctx context.Context, sortAt int64) (int64, error) {
	base := searchKeyBase(sortAt)
	key, seen := int64(0), false
	if st.bulk != nil {
		key, seen = st.bulk.keys[base]
		if !seen && st.bulk.empty {
			key, seen = base, true
		}
	}
	if !seen {
		if err := st.nextKey.QueryRowContext(ctx, base, base, base+keysPerSecond-1).Scan(&key); err != nil {
			return 0, fmt.Errorf("search key: %w", err)
		}
	}
	if key >= base+keysPerSecond {
		return 0, hindsight.Invalid("incident.started_at", "too many post-mortems start in the same second")
	}
	if st.bulk != nil {
		st.bulk.keys[base] = key + 1
	}
	return key, nil
}

// dropSearch removes a post-mortem's summary and full-text entry.
func dropSearch(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM postmortem_fts WHERE rowid = (SELECT search_key FROM postmortem_summaries WHERE postmortem_id = ?)`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM postmortem_summaries WHERE postmortem_id = ?`, id)
	return err
}

// backfillSearch gives post-mortems stored before migration 0021 their
// summary and full-text entry.
func backfillSearch(ctx context.Context, db *sql.DB) error {
	// Every summary belongs to one post-mortem (key and foreign key), so
	// equal counts — two narrow index scans — mean none is missing, and
	// a start does not read every row of a large database to learn it.
	var missing bool
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM postmortems) != (SELECT count(*) FROM postmortem_summaries)`).Scan(&missing); err != nil {
		return err
	}
	if !missing {
		return nil
	}
	return storedoc.Backfill(ctx, db, `SELECT doc FROM postmortems p
		WHERE NOT EXISTS (SELECT 1 FROM postmortem_summaries s WHERE s.postmortem_id = p.id) LIMIT ?`,
		func(tx *sql.Tx, ps []*hindsight.PostMortem) error {
			st, err := prepare(ctx, tx)
			if err != nil {
				return err
			}
			defer st.close()
			for _, p := range ps {
				e, err := storedoc.EncodeWrite(p)
				if err != nil {
					return err
				}
				if err := st.writeSearch(ctx, &e); err != nil {
					return fmt.Errorf("backfill %s: %w", p.ID, err)
				}
			}
			return nil
		})
}
