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
func (st *statements) writeSearch(ctx context.Context, p *hindsight.PostMortem) error {
	summary, err := storedoc.EncodeSummary(p)
	if err != nil {
		return err
	}
	base := searchKeyBase(sortAt(p))
	var key int64
	if err := st.nextKey.QueryRowContext(ctx, base, base, base+keysPerSecond-1).Scan(&key); err != nil {
		return fmt.Errorf("search key: %w", err)
	}
	if key >= base+keysPerSecond {
		return hindsight.Invalid("incident.started_at", "too many post-mortems start in the same second")
	}
	if _, err := st.insertSummary.ExecContext(ctx, p.ID, key, summary); err != nil {
		return fmt.Errorf("insert summary: %w", err)
	}
	t := storedoc.TextOf(p)
	if _, err := st.insertFTS.ExecContext(ctx, key, t.Title, t.Summary, t.Body); err != nil {
		return fmt.Errorf("index post-mortem: %w", err)
	}
	return nil
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
				if err := st.writeSearch(ctx, p); err != nil {
					return fmt.Errorf("backfill %s: %w", p.ID, err)
				}
			}
			return nil
		})
}
