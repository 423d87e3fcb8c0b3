package postgres

import (
	"context"
	"database/sql"
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
	if _, err := s.db.ExecContext(ctx, `INSERT INTO pending_uploads (id, owner_id, filename, content_type, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.ID, c.OwnerID, c.Filename, c.ContentType, c.Data, c.CreatedAt); err != nil {
		return fmt.Errorf("put upload: %w", err)
	}
	*u = c
	return nil
}

// GetUpload reads a pending upload.
func (s *Store) GetUpload(ctx context.Context, id string) (*hindsight.Upload, error) {
	u := hindsight.Upload{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT owner_id, filename, content_type, data, created_at FROM pending_uploads WHERE id = $1`, id).
		Scan(&u.OwnerID, &u.Filename, &u.ContentType, &u.Data, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("upload %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return &u, nil
}

// UploadUsage counts a user's pending uploads and their bytes.
func (s *Store) UploadUsage(ctx context.Context, ownerID string) (int, int64, error) {
	var n int
	var size int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(length(data)), 0) FROM pending_uploads WHERE owner_id = $1`, ownerID).Scan(&n, &size)
	return n, size, err
}

// MissingUploads returns the ids that are not the owner's pending uploads.
func (s *Store) MissingUploads(ctx context.Context, ownerID string, ids []string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.id FROM unnest($1::text[]) WITH ORDINALITY AS i (id, n)
		WHERE NOT EXISTS (SELECT 1 FROM pending_uploads u WHERE u.id = i.id AND u.owner_id = $2) ORDER BY i.n`, ids, ownerID)
	if err != nil {
		return nil, fmt.Errorf("find uploads: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadStrings(rows)
}

// PurgeUploads deletes abandoned uploads and never-linked attachments, a
// statement each: a save that links an attachment locks its row, so a
// purge running at once on another instance either waits and sees it
// linked, or deleted it before the save began.
func (s *Store) PurgeUploads(ctx context.Context, cutoff time.Time) (hindsight.Purged, error) {
	var n hindsight.Purged
	for _, q := range []struct {
		sql   string
		count *int
	}{
		{`DELETE FROM pending_uploads WHERE created_at < $1`, &n.Uploads},
		{`DELETE FROM attachments WHERE NOT linked AND created_at < $1`, &n.Attachments},
	} {
		res, err := s.db.ExecContext(ctx, q.sql, cutoff)
		if err != nil {
			return n, fmt.Errorf("purge uploads: %w", err)
		}
		k, _ := res.RowsAffected()
		*q.count = int(k)
	}
	return n, nil
}
