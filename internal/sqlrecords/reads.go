package sqlrecords

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hindsight"
)

// RecordRead records a reader's first opening of a post-mortem, moving
// the reads version on (see hindsight.Versions); a later one changes
// nothing.
func (r *Records) RecordRead(ctx context.Context, postmortemID, userID string, at time.Time) error {
	err := r.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, r.q(`INSERT INTO reads (postmortem_id, user_id, at) VALUES (?, ?, ?)
			ON CONFLICT (postmortem_id, user_id) DO NOTHING`), postmortemID, userID, r.t(at))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE reads_version SET n = n + 1`)
		return err
	})
	if err != nil {
		return fmt.Errorf("record read: %w", err)
	}
	return nil
}

// Readers lists who opened a post-mortem, first reader first, with their
// accounts' names and addresses.
func (r *Records) Readers(ctx context.Context, postmortemID string) ([]hindsight.Read, error) {
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT r.user_id, r.at, COALESCE(u.name, ''), COALESCE(u.email, '') FROM reads r
		LEFT JOIN users u ON u.id = r.user_id WHERE r.postmortem_id = ? ORDER BY r.at, r.user_id`), postmortemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.Read{}
	for rows.Next() {
		x := hindsight.Read{PostMortemID: postmortemID}
		if err := rows.Scan(&x.UserID, at(&x.At), &x.Name, &x.Email); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// ReadByUser returns the post-mortems a user opened and when.
func (r *Records) ReadByUser(ctx context.Context, userID string) (map[string]time.Time, error) {
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT postmortem_id, at FROM reads WHERE user_id = ?`), userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id string
		var t time.Time
		if err := rows.Scan(&id, at(&t)); err != nil {
			return nil, err
		}
		out[id] = t
	}
	return out, rows.Err()
}

// PublishedReads lists every publication with each of its reads (a
// publication nobody read once, with an empty reader).
func (r *Records) PublishedReads(ctx context.Context) ([]hindsight.PublishedRead, error) {
	rows, err := r.read.QueryContext(ctx, `SELECT p.postmortem_id, p.first_published_at, COALESCE(r.user_id, ''), r.at
		FROM publications p LEFT JOIN reads r ON r.postmortem_id = p.postmortem_id ORDER BY p.postmortem_id, r.at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.PublishedRead{}
	for rows.Next() {
		var x hindsight.PublishedRead
		if err := rows.Scan(&x.PostMortemID, at(&x.FirstPublishedAt), &x.UserID, timeCol{&x.ReadAt}); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
