package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

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
	_, err := s.db.ExecContext(ctx, `INSERT INTO attachments (id, postmortem_id, filename, content_type, data, created_at, linked) VALUES ($1, $2, $3, $4, $5, $6, FALSE)`,
		c.ID, c.PostMortemID, c.Filename, c.ContentType, c.Data, c.CreatedAt)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" { // foreign key: no such post-mortem
		return fmt.Errorf("post-mortem %s: %w", c.PostMortemID, hindsight.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("put attachment: %w", err)
	}
	*a = c
	return nil
}

// GetAttachment reads an attachment of a post-mortem.
func (s *Store) GetAttachment(ctx context.Context, postmortemID, id string) (*hindsight.Attachment, error) {
	a := hindsight.Attachment{ID: id, PostMortemID: postmortemID}
	err := s.db.QueryRowContext(ctx, `SELECT filename, content_type, data, created_at FROM attachments WHERE id = $1 AND postmortem_id = $2`, id, postmortemID).
		Scan(&a.Filename, &a.ContentType, &a.Data, &a.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("attachment %s: %w", id, hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return &a, nil
}

// AttachmentUsage counts a post-mortem's attachments and their bytes.
func (s *Store) AttachmentUsage(ctx context.Context, postmortemID string) (int, int64, error) {
	var n int
	var size int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(length(data)), 0) FROM attachments WHERE postmortem_id = $1`, postmortemID).Scan(&n, &size)
	return n, size, err
}
