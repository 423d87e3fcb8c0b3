package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"hindsight"
	"hindsight/internal/storedoc"
)

// PutUpload stores a pending upload.
func (s *Store) PutUpload(ctx context.Context, u *hindsight.Upload) error {
	c := *u
	if c.ID == "" {
		c.ID = hindsight.NewID()
	}
	c.CreatedAt = c.CreatedAt.UTC().Truncate(time.Microsecond)
	if _, err := s.write.ExecContext(ctx, `INSERT INTO pending_uploads (id, owner_id, filename, content_type, data, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ID, c.OwnerID, c.Filename, c.ContentType, c.Data, micros(c.CreatedAt)); err != nil {
		return fmt.Errorf("put upload: %w", err)
	}
	*u = c
	return nil
}

// GetUpload reads a pending upload.
func (s *Store) GetUpload(ctx context.Context, id string) (*hindsight.Upload, error) {
	u := hindsight.Upload{ID: id}
	var created int64
	err := s.read.QueryRowContext(ctx, `SELECT owner_id, filename, content_type, data, created_at FROM pending_uploads WHERE id = ?`, id).
		Scan(&u.OwnerID, &u.Filename, &u.ContentType, &u.Data, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("upload %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	u.CreatedAt = fromMicros(created)
	return &u, nil
}

// UploadUsage counts a user's pending uploads and their bytes.
func (s *Store) UploadUsage(ctx context.Context, ownerID string) (int, int64, error) {
	var n int
	var size int64
	err := s.read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(length(data)), 0) FROM pending_uploads WHERE owner_id = ?`, ownerID).Scan(&n, &size)
	return n, size, err
}

// MissingUploads returns the ids that are not the owner's pending uploads.
func (s *Store) MissingUploads(ctx context.Context, ownerID string, ids []string) ([]string, error) {
	list, _ := json.Marshal(ids)
	rows, err := s.read.QueryContext(ctx, `SELECT j.value FROM json_each(?) j
		WHERE NOT EXISTS (SELECT 1 FROM pending_uploads u WHERE u.id = j.value AND u.owner_id = ?) ORDER BY j.key`, string(list), ownerID)
	if err != nil {
		return nil, fmt.Errorf("find uploads: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadStrings(rows)
}

// PurgeUploads deletes abandoned uploads and never-linked attachments.
func (s *Store) PurgeUploads(ctx context.Context, cutoff time.Time) (hindsight.Purged, error) {
	var n hindsight.Purged
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []struct {
			sql   string
			count *int
		}{
			{`DELETE FROM pending_uploads WHERE created_at < ?`, &n.Uploads},
			{`DELETE FROM attachments WHERE linked = 0 AND created_at < ?`, &n.Attachments},
		} {
			res, err := tx.ExecContext(ctx, q.sql, micros(cutoff))
			if err != nil {
				return fmt.Errorf("purge uploads: %w", err)
			}
			k, _ := res.RowsAffected()
			*q.count = int(k)
		}
		return nil
	})
	return n, err
}
