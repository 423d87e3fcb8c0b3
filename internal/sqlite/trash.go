package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hindsight"
	"hindsight/internal/storedoc"
)

// Delete moves the post-mortem to the trash if it is still at version. The
// check and the move are one write transaction, and SQLite runs one at a
// time, so no update can land between them.
func (s *Store) Delete(ctx context.Context, id string, version int64, d hindsight.Deletion, audit ...hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var current int64
		var title, severity, author, doc string
		var restricted bool
		err := tx.QueryRowContext(ctx, `SELECT version, title, severity, author_id, restricted, doc FROM postmortems WHERE id = ?`, id).
			Scan(&current, &title, &severity, &author, &restricted, &doc)
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
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, current, title, severity, author, restricted, micros(d.At), d.By, d.ByID, doc); err != nil {
			return fmt.Errorf("move %s to the trash: %w", id, err)
		}
		// The search entry goes as on an update; tags, countermeasures,
		// readers, the summary and attachments go by cascade.
		if err := dropSearch(ctx, tx, id); err != nil {
			return fmt.Errorf("move %s to the trash: %w", id, err)
		}
		for _, st := range []struct {
			q   string
			arg any
		}{
			{`INSERT INTO trash_attachments SELECT id, postmortem_id, filename, content_type, data, created_at FROM attachments WHERE postmortem_id = ?`, id},
			{`DELETE FROM postmortems WHERE id = ?`, id},
		} {
			if _, err := tx.ExecContext(ctx, st.q, st.arg); err != nil {
				return fmt.Errorf("move %s to the trash: %w", id, err)
			}
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
		err := tx.QueryRowContext(ctx, `DELETE FROM trash WHERE id = ? RETURNING doc`, id).Scan(&doc)
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
		st, err := prepare(ctx, tx)
		if err != nil {
			return err
		}
		defer st.close()
		if err := st.insert(ctx, p); err != nil {
			return err
		}
		for _, q := range []string{
			`INSERT INTO attachments (id, postmortem_id, filename, content_type, data, created_at) SELECT id, postmortem_id, filename, content_type, data, created_at FROM trash_attachments WHERE postmortem_id = ?`,
			`DELETE FROM trash_attachments WHERE postmortem_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("restore images of %s: %w", id, err)
			}
		}
		return appendAudit(ctx, tx, audit)
	})
}

const trashColumns = `id, version, title, severity, author_id, restricted, deleted_at, deleted_by, deleted_by_id`

func scanTrash(row interface{ Scan(...any) error }) (hindsight.TrashItem, error) {
	var t hindsight.TrashItem
	var deleted int64
	err := row.Scan(&t.ID, &t.Version, &t.Title, &t.Severity, &t.AuthorID, &t.Restricted, &deleted, &t.DeletedBy, &t.DeletedByID)
	t.DeletedAt = fromMicros(deleted)
	return t, err
}

// ListTrash returns a page of the trash, most recently deleted first.
func (s *Store) ListTrash(ctx context.Context, f hindsight.TrashFilter) (hindsight.TrashPage, error) {
	limit, cur, err := storedoc.TrashPaging(f)
	if err != nil {
		return hindsight.TrashPage{}, err
	}
	q, args := `SELECT `+trashColumns+` FROM trash WHERE 1`, []any{}
	if f.AuthorID != "" {
		q, args = q+` AND author_id = ?`, append(args, f.AuthorID)
	}
	if cur.ID != "" {
		q, args = q+` AND (deleted_at, id) < (?, ?)`, append(args, cur.SortAt, cur.ID)
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY deleted_at DESC, id DESC LIMIT ?`, append(args, limit+1)...)
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
	t, err := scanTrash(s.read.QueryRowContext(ctx, `SELECT `+trashColumns+` FROM trash WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("post-mortem %s in the trash: %w", id, hindsight.ErrNotFound)
	}
	return t, err
}

// PurgeTrash deletes trashed post-mortems for good, with their images and
// history, in one transaction with an audit event for each.
func (s *Store) PurgeTrash(ctx context.Context, f hindsight.PurgeFilter, template hindsight.AuditEvent) ([]hindsight.TrashItem, error) {
	var gone []hindsight.TrashItem
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		gone = nil
		q, arg := `DELETE FROM trash WHERE id = ? RETURNING `+trashColumns, any(f.ID)
		if f.ID == "" {
			q, arg = `DELETE FROM trash WHERE deleted_at < ? RETURNING `+trashColumns, micros(f.DeletedBefore)
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
		var audit []hindsight.AuditEvent
		for _, t := range gone {
			for _, q := range []string{`DELETE FROM trash_attachments WHERE postmortem_id = ?`, `DELETE FROM postmortem_versions WHERE postmortem_id = ?`} {
				if _, err := tx.ExecContext(ctx, q, t.ID); err != nil {
					return fmt.Errorf("purge %s: %w", t.ID, err)
				}
			}
			audit = append(audit, storedoc.PurgeEvent(template, t))
		}
		return appendAudit(ctx, tx, audit)
	})
	return gone, err
}
