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

// Delete moves the post-mortem to the trash if it is still at version.
// The row is locked before the check, as Update locks it, so a concurrent
// update and delete of one version queue and the second sees a conflict.
func (s *Store) Delete(ctx context.Context, id string, version int64, d hindsight.Deletion, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var current int64
		err := tx.QueryRowContext(ctx, `SELECT version FROM postmortems WHERE id = $1 FOR UPDATE`, id).Scan(&current)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("post-mortem %s: %w", id, hindsight.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if current != version {
			return &hindsight.ConflictError{ID: id, CurrentVersion: current}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO trash (id, version, title, severity, author_id, restricted, deleted_at, deleted_by, deleted_by_id, doc)
			SELECT id, version, title, severity, author_id, restricted, $2, $3, $4, doc FROM postmortems WHERE id = $1`, id, d.At, d.By, d.ByID); err != nil {
			return fmt.Errorf("move %s to the trash: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO trash_attachments
			SELECT id, postmortem_id, filename, content_type, data, created_at FROM attachments WHERE postmortem_id = $1`, id); err != nil {
			return fmt.Errorf("move images of %s to the trash: %w", id, err)
		}
		// Tags, countermeasures, readers, the search entry and the
		// attachments go by cascade.
		if _, err := tx.ExecContext(ctx, `DELETE FROM postmortems WHERE id = $1`, id); err != nil {
			return fmt.Errorf("move %s to the trash: %w", id, err)
		}
		if err := d.With.Run(ctx, tx); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
}

// RestoreFromTrash puts a trashed post-mortem back through the same
// insert as a new one, so its tags, countermeasures, readers and search
// entry are rebuilt, and moves its images back.
func (s *Store) RestoreFromTrash(ctx context.Context, id string, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var doc []byte
		err := tx.QueryRowContext(ctx, `DELETE FROM trash WHERE id = $1 RETURNING doc`, id).Scan(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("post-mortem %s in the trash: %w", id, hindsight.ErrNotFound)
		}
		if err != nil {
			return err
		}
		p, err := storedoc.Decode(doc)
		if err != nil {
			return err
		}
		if err := upsert(ctx, tx, p, true); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO attachments (id, postmortem_id, filename, content_type, data, created_at)
			SELECT id, postmortem_id, filename, content_type, data, created_at FROM trash_attachments WHERE postmortem_id = $1`, id); err != nil {
			return fmt.Errorf("restore images of %s: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM trash_attachments WHERE postmortem_id = $1`, id); err != nil {
			return fmt.Errorf("restore images of %s: %w", id, err)
		}
		return appendAudit(ctx, tx, audit)
	})
}

const trashColumns = `id, version, title, severity, author_id, restricted, deleted_at, deleted_by, deleted_by_id`

func scanTrash(row interface{ Scan(...any) error }) (hindsight.TrashItem, error) {
	var t hindsight.TrashItem
	err := row.Scan(&t.ID, &t.Version, &t.Title, &t.Severity, &t.AuthorID, &t.Restricted, &t.DeletedAt, &t.DeletedBy, &t.DeletedByID)
	t.DeletedAt = t.DeletedAt.UTC()
	return t, err
}

// ListTrash returns a page of the trash, most recently deleted first.
func (s *Store) ListTrash(ctx context.Context, f hindsight.TrashFilter) (hindsight.TrashPage, error) {
	limit, cur, err := storedoc.TrashPaging(f)
	if err != nil {
		return hindsight.TrashPage{}, err
	}
	w := &where{}
	if f.AuthorID != "" {
		w.add("author_id = " + w.arg(f.AuthorID))
	}
	if cur.ID != "" {
		w.add("(deleted_at, id) < (" + w.arg(time.UnixMicro(cur.SortAt).UTC()) + ", " + w.arg(cur.ID) + ")")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+trashColumns+` FROM trash WHERE `+w.sql()+` ORDER BY deleted_at DESC, id DESC LIMIT `+w.arg(limit+1), w.args...)
	if err != nil {
		return hindsight.TrashPage{}, fmt.Errorf("list the trash: %w", err)
	}
	defer rows.Close()
	var items []hindsight.TrashItem
	for rows.Next() {
		t, err := scanTrash(rows)
		if err != nil {
			return hindsight.TrashPage{}, err
		}
		items = append(items, t)
	}
	if err := rows.Err(); err != nil {
		return hindsight.TrashPage{}, err
	}
	return storedoc.TrashPage(items, limit), nil
}

// GetTrashed describes one post-mortem in the trash.
func (s *Store) GetTrashed(ctx context.Context, id string) (hindsight.TrashItem, error) {
	t, err := scanTrash(s.db.QueryRowContext(ctx, `SELECT `+trashColumns+` FROM trash WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("post-mortem %s in the trash: %w", id, hindsight.ErrNotFound)
	}
	return t, err
}

// PurgeTrash deletes trashed post-mortems for good, with their images and
// history, in one transaction with an audit event for each. Instances
// purging at once each delete (and log) only the rows they locked first:
// the other waits on the row and then finds it gone.
func (s *Store) PurgeTrash(ctx context.Context, f hindsight.PurgeFilter, template hindsight.AuditEvent) ([]hindsight.TrashItem, error) {
	var gone []hindsight.TrashItem
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		gone = nil
		q, arg := `DELETE FROM trash WHERE id = $1 RETURNING `+trashColumns, any(f.ID)
		if f.ID == "" {
			q, arg = `DELETE FROM trash WHERE deleted_at < $1 RETURNING `+trashColumns, f.DeletedBefore
		}
		rows, err := tx.QueryContext(ctx, q, arg)
		if err != nil {
			return fmt.Errorf("purge the trash: %w", err)
		}
		for rows.Next() {
			t, err := scanTrash(rows)
			if err != nil {
				rows.Close()
				return err
			}
			gone = append(gone, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ids := make([]string, len(gone))
		audit := make([]hindsight.AuditEvent, len(gone))
		for i, t := range gone {
			ids[i], audit[i] = t.ID, storedoc.PurgeEvent(template, t)
		}
		for _, q := range []string{`DELETE FROM trash_attachments WHERE postmortem_id = ANY($1::text[])`, `DELETE FROM postmortem_versions WHERE postmortem_id = ANY($1::text[])`} {
			if _, err := tx.ExecContext(ctx, q, ids); err != nil {
				return fmt.Errorf("purge the trash: %w", err)
			}
		}
		return appendAudit(ctx, tx, audit)
	})
	return gone, err
}
