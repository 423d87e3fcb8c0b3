package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hindsight"
	"hindsight/internal/storedoc"
)

// recordRevision adds the revision of the version p now is: who and when
// from its stamps, the change and its note. The document stays in
// postmortems until a later save replaces it (keepReplaced).
func (st *statements) recordRevision(ctx context.Context, p *hindsight.PostMortem, change hindsight.Change) error {
	var restored any
	if change.RestoredFrom > 0 {
		restored = change.RestoredFrom
	}
	err := st.versions.add(ctx,
		p.ID, p.Version, micros(p.UpdatedAt), p.UpdatedBy, p.UpdatedByID, storedoc.EncodeStrings(change.Fields), p.ChangeNote, restored)
	if err != nil {
		return fmt.Errorf("record version %d of %s: %w", p.Version, p.ID, err)
	}
	return nil
}

// keepReplaced moves the current document of post-mortem id, at version,
// into its history, compressed, before an update replaces it.
func keepReplaced(ctx context.Context, tx *sql.Tx, id string, version int64) error {
	var doc []byte
	var savedAt int64
	var savedBy string
	if err := tx.QueryRowContext(ctx, `SELECT doc, updated_at, updated_by FROM postmortems WHERE id = ?`, id).Scan(&doc, &savedAt, &savedBy); err != nil {
		return err
	}
	z, err := storedoc.CompressVersion(doc)
	if err != nil {
		return err
	}
	// A version saved before history was kept has no row yet.
	_, err = tx.ExecContext(ctx, `INSERT INTO postmortem_versions
		(postmortem_id, version, saved_at, saved_by, saved_by_id, changes, note, doc) VALUES (?, ?, ?, ?, '', '[]', '', ?)
		ON CONFLICT (postmortem_id, version) DO UPDATE SET doc = excluded.doc`, id, version, savedAt, savedBy, z)
	if err != nil {
		return fmt.Errorf("keep version %d of %s: %w", version, id, err)
	}
	return nil
}

// Revisions lists a post-mortem's history newest first.
func (s *Store) Revisions(ctx context.Context, id string, f hindsight.RevisionFilter) (hindsight.RevisionPage, error) {
	limit, below, err := storedoc.RevisionPaging(f)
	if err != nil {
		return hindsight.RevisionPage{}, err
	}
	if below == 0 {
		below = 1 << 62
	}
	rows, err := s.read.QueryContext(ctx, `SELECT version, saved_at, saved_by, saved_by_id, changes, note, restored_from
		FROM postmortem_versions WHERE postmortem_id = ? AND version < ? ORDER BY version DESC LIMIT ?`, id, below, limit+1)
	if err != nil {
		return hindsight.RevisionPage{}, fmt.Errorf("history of %s: %w", id, err)
	}
	defer rows.Close()
	var items []hindsight.Revision
	for rows.Next() {
		var r hindsight.Revision
		var saved int64
		var changes string
		var restored *int64
		if err := rows.Scan(&r.Version, &saved, &r.SavedBy, &r.SavedByID, &changes, &r.Note, &restored); err != nil {
			return hindsight.RevisionPage{}, err
		}
		r.SavedAt = fromMicros(saved)
		if r.Changes, err = storedoc.DecodeStrings([]byte(changes)); err != nil {
			return hindsight.RevisionPage{}, err
		}
		if restored != nil {
			r.RestoredFrom = *restored
		}
		items = append(items, r)
	}
	if err := rows.Err(); err != nil {
		return hindsight.RevisionPage{}, err
	}
	if len(items) == 0 && f.Cursor == "" {
		return hindsight.RevisionPage{}, fmt.Errorf("history of post-mortem %s: %w", id, hindsight.ErrNotFound)
	}
	return storedoc.RevisionPage(items, limit), nil
}

// GetVersion reads one version: from the history once replaced, from
// postmortems while current — in one statement, so a save in between
// cannot hide it.
func (s *Store) GetVersion(ctx context.Context, id string, n int64) (*hindsight.PostMortem, error) {
	var old, current []byte
	err := s.read.QueryRowContext(ctx, `SELECT v.doc, p.doc FROM postmortem_versions v
		LEFT JOIN postmortems p ON p.id = v.postmortem_id AND p.version = v.version
		WHERE v.postmortem_id = ? AND v.version = ?`, id, n).Scan(&old, &current)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && old == nil && current == nil):
		return nil, fmt.Errorf("version %d of post-mortem %s: %w", n, id, hindsight.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("version %d of post-mortem %s: %w", n, id, err)
	case old != nil:
		return storedoc.DecodeVersion(old)
	}
	return storedoc.Decode(current)
}
