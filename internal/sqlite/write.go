package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// Create stores a new post-mortem.
func (s *Store) Create(ctx context.Context, p *hindsight.PostMortem) error {
	return s.CreateMany(ctx, []*hindsight.PostMortem{p})
}

// CreateMany stores new post-mortems in one transaction: all or none.
func (s *Store) CreateMany(ctx context.Context, ps []*hindsight.PostMortem) error {
	now := s.now().UTC()
	actor := hindsight.ActorFrom(ctx)
	stamped := make([]hindsight.PostMortem, len(ps))
	for i, p := range ps {
		c := *p
		if c.ID == "" {
			c.ID = hindsight.NewID()
		}
		c.Version, c.CreatedAt, c.UpdatedAt, c.UpdatedBy = 1, now, now, actor
		stamped[i] = c
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range stamped {
			if err := insert(ctx, tx, &stamped[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, p := range ps {
		*p = stamped[i]
	}
	return nil
}

// Update replaces the post-mortem if p.Version is still the stored one.
func (s *Store) Update(ctx context.Context, p *hindsight.PostMortem) error {
	c := *p
	c.UpdatedAt, c.UpdatedBy = s.now().UTC(), hindsight.ActorFrom(ctx)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var rowid, version int64
		var created int64
		err := tx.QueryRowContext(ctx, `SELECT rowid, version, created_at FROM postmortems WHERE id = ?`, c.ID).Scan(&rowid, &version, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("post-mortem %s: %w", c.ID, hindsight.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if version != c.Version {
			return &hindsight.ConflictError{ID: c.ID, CurrentVersion: version}
		}
		c.Version = version + 1
		c.CreatedAt = fromMicros(created)
		if err := deleteProjections(ctx, tx, c.ID, rowid); err != nil {
			return err
		}
		return write(ctx, tx, &c, rowid)
	})
	if err != nil {
		return err
	}
	*p = c
	return nil
}

// Delete removes a post-mortem; its tags, countermeasures and attachments
// go with it by cascade, its search entry explicitly.
func (s *Store) Delete(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var rowid int64
		err := tx.QueryRowContext(ctx, `SELECT rowid FROM postmortems WHERE id = ?`, id).Scan(&rowid)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("post-mortem %s: %w", id, hindsight.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM postmortem_fts WHERE rowid = ?`, rowid); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM postmortems WHERE id = ?`, id)
		return err
	})
}

func insert(ctx context.Context, tx *sql.Tx, p *hindsight.PostMortem) error {
	doc, err := storedoc.Encode(p)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO postmortems
		(id, version, title, status, severity, team, started_at, detected_at, ended_at, meeting_at, sort_at, created_at, updated_at, updated_by, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Version, p.Title, p.Status, p.Severity, p.Team,
		microsPtr(p.Incident.StartedAt), microsPtr(p.Incident.DetectedAt), microsPtr(p.Incident.EndedAt), microsPtr(p.Meeting.Date),
		sortAt(p), micros(p.CreatedAt), micros(p.UpdatedAt), p.UpdatedBy, doc)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return hindsight.Invalid("id", "%q is already taken by another post-mortem", p.ID)
		}
		return fmt.Errorf("insert post-mortem: %w", err)
	}
	rowid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	return writeProjections(ctx, tx, p, rowid)
}

func write(ctx context.Context, tx *sql.Tx, p *hindsight.PostMortem, rowid int64) error {
	doc, err := storedoc.Encode(p)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE postmortems SET
		version = ?, title = ?, status = ?, severity = ?, team = ?, started_at = ?, detected_at = ?, ended_at = ?,
		meeting_at = ?, sort_at = ?, updated_at = ?, updated_by = ?, doc = ? WHERE rowid = ?`,
		p.Version, p.Title, p.Status, p.Severity, p.Team,
		microsPtr(p.Incident.StartedAt), microsPtr(p.Incident.DetectedAt), microsPtr(p.Incident.EndedAt), microsPtr(p.Meeting.Date),
		sortAt(p), micros(p.UpdatedAt), p.UpdatedBy, doc, rowid)
	if err != nil {
		return fmt.Errorf("update post-mortem: %w", err)
	}
	return writeProjections(ctx, tx, p, rowid)
}

func deleteProjections(ctx context.Context, tx *sql.Tx, id string, rowid int64) error {
	for _, q := range []string{
		`DELETE FROM postmortem_tags WHERE postmortem_id = ?`,
		`DELETE FROM countermeasures WHERE postmortem_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM postmortem_fts WHERE rowid = ?`, rowid)
	return err
}

// writeProjections writes the side tables and the search entry that are
// derived from the document, in the same transaction as the document.
func writeProjections(ctx context.Context, tx *sql.Tx, p *hindsight.PostMortem, rowid int64) error {
	for _, tag := range p.Tags {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO postmortem_tags (postmortem_id, tag) VALUES (?, ?)`, p.ID, tag); err != nil {
			return fmt.Errorf("insert tag: %w", err)
		}
	}
	for i, c := range p.Countermeasures {
		doc, err := storedoc.EncodeCountermeasure(c)
		if err != nil {
			return err
		}
		var due any
		if c.Due != nil {
			due = c.Due.String()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO countermeasures
			(postmortem_id, id, position, kind, priority, owner, due, status, done_at, verified_at, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, c.ID, i, c.Kind, c.Priority, c.Owner, due, c.Status, microsPtr(c.DoneAt), microsPtr(c.VerifiedAt), doc); err != nil {
			return fmt.Errorf("insert countermeasure: %w", err)
		}
	}
	t := storedoc.TextOf(p)
	if _, err := tx.ExecContext(ctx, `INSERT INTO postmortem_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)`, rowid, t.Title, t.Summary, t.Body); err != nil {
		return fmt.Errorf("index post-mortem: %w", err)
	}
	return nil
}
