package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hindsight"
	"hindsight/internal/storedoc"
)

// Create stores a new post-mortem.
func (s *Store) Create(ctx context.Context, p *hindsight.PostMortem) error {
	return s.CreateMany(ctx, []*hindsight.PostMortem{p})
}

// CreateMany stores new post-mortems in one transaction: all or none.
func (s *Store) CreateMany(ctx context.Context, ps []*hindsight.PostMortem) error {
	stamped := storedoc.Stamp(ps)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := prepare(ctx, tx)
		if err != nil {
			return err
		}
		defer st.close()
		for i := range stamped {
			if err := st.insert(ctx, &stamped[i]); err != nil {
				return err
			}
			if err := st.recordRevision(ctx, &stamped[i], hindsight.Change{}); err != nil {
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

// Update replaces the post-mortem if p.Version is still the stored one,
// keeping the version it replaces in the history.
func (s *Store) Update(ctx context.Context, p *hindsight.PostMortem, change hindsight.Change, audit ...hindsight.AuditEvent) error {
	c := *p
	c.UpdatedAt = c.UpdatedAt.UTC().Truncate(time.Microsecond)
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
		st, err := prepare(ctx, tx)
		if err != nil {
			return err
		}
		defer st.close()
		if err := keepReplaced(ctx, tx, c.ID, version); err != nil {
			return err
		}
		if err := st.recordRevision(ctx, &c, change); err != nil {
			return err
		}
		if err := deleteProjections(ctx, tx, c.ID); err != nil {
			return err
		}
		if err := st.update(ctx, &c, rowid); err != nil {
			return err
		}
		if err := change.Also.Run(ctx, tx); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit)
	})
	if err != nil {
		return err
	}
	*p = c
	return nil
}

func deleteProjections(ctx context.Context, tx *sql.Tx, id string) error {
	for _, q := range []string{
		`DELETE FROM postmortem_tags WHERE postmortem_id = ?`,
		`DELETE FROM countermeasures WHERE postmortem_id = ?`,
		`DELETE FROM postmortem_readers WHERE postmortem_id = ?`,
		`DELETE FROM postmortem_people WHERE postmortem_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return dropSearch(ctx, tx, id)
}
