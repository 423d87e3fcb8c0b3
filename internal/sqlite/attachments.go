package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hindsight"
)

// PutAttachment stores an image for a post-mortem that exists, not linked
// until a save links it.
func (s *Store) PutAttachment(ctx context.Context, a *hindsight.Attachment) error {
	c := *a
	if c.ID == "" {
		c.ID = hindsight.NewID()
	}
	c.CreatedAt = c.CreatedAt.UTC().Truncate(time.Microsecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM postmortems WHERE id = ?`, c.PostMortemID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("post-mortem %s: %w", c.PostMortemID, hindsight.ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO attachments (id, postmortem_id, filename, content_type, data, created_at, linked) VALUES (?, ?, ?, ?, ?, ?, 0)`,
			c.ID, c.PostMortemID, c.Filename, c.ContentType, c.Data, micros(c.CreatedAt))
		return err
	})
	if err != nil {
		return err
	}
	*a = c
	return nil
}

// GetAttachment reads an attachment of a post-mortem.
func (s *Store) GetAttachment(ctx context.Context, postmortemID, id string) (*hindsight.Attachment, error) {
	a := hindsight.Attachment{ID: id, PostMortemID: postmortemID}
	var created int64
	err := s.read.QueryRowContext(ctx, `SELECT filename, content_type, data, created_at FROM attachments WHERE id = ? AND postmortem_id = ?`, id, postmortemID).
		Scan(&a.Filename, &a.ContentType, &a.Data, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("attachment %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	a.CreatedAt = fromMicros(created)
	return &a, nil
}

// AttachmentUsage counts a post-mortem's attachments and their bytes.
func (s *Store) AttachmentUsage(ctx context.Context, postmortemID string) (int, int64, error) {
	var n int
	var size int64
	err := s.read.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(length(data)), 0) FROM attachments WHERE postmortem_id = ?`, postmortemID).Scan(&n, &size)
	return n, size, err
}
