package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

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
		for i := range stamped {
			if err := upsert(ctx, tx, &stamped[i], true); err != nil {
				return err
			}
			if err := recordRevision(ctx, tx, &stamped[i], hindsight.Change{}); err != nil {
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
// keeping the version it replaces in the history. The row is locked first
// so concurrent writers queue and all but one see a conflict.
func (s *Store) Update(ctx context.Context, p *hindsight.PostMortem, change hindsight.Change, audit ...hindsight.AuditEvent) error {
	c := *p
	c.UpdatedAt = c.UpdatedAt.UTC().Truncate(time.Microsecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var version int64
		var created time.Time
		err := tx.QueryRowContext(ctx, `SELECT version, created_at FROM postmortems WHERE id = $1 FOR UPDATE`, c.ID).Scan(&version, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("post-mortem %s: %w", c.ID, hindsight.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if version != c.Version {
			return &hindsight.ConflictError{ID: c.ID, CurrentVersion: version}
		}
		c.Version, c.CreatedAt = version+1, created.UTC()
		if err := keepReplaced(ctx, tx, c.ID, version); err != nil {
			return err
		}
		if err := recordRevision(ctx, tx, &c, change); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM postmortem_tags WHERE postmortem_id = $1`, `DELETE FROM countermeasures WHERE postmortem_id = $1`,
			`DELETE FROM postmortem_readers WHERE postmortem_id = $1`, `DELETE FROM postmortem_people WHERE postmortem_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, c.ID); err != nil {
				return err
			}
		}
		if err := upsert(ctx, tx, &c, false); err != nil {
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

// upsert writes the document row (inserting or updating) and its
// projections in tx.
func upsert(ctx context.Context, tx *sql.Tx, p *hindsight.PostMortem, insert bool) error {
	doc, err := storedoc.Encode(p)
	if err != nil {
		return err
	}
	args := []any{p.ID, p.Version, p.Title, p.Status, p.Severity, p.Team,
		p.Incident.StartedAt, p.Incident.DetectedAt, p.Incident.EndedAt, p.Meeting.Date,
		sortAt(p), p.CreatedAt, p.UpdatedAt, p.UpdatedBy, string(doc), p.AuthorID, p.Access.Restricted}
	if insert {
		_, err = tx.ExecContext(ctx, `INSERT INTO postmortems
			(id, version, title, status, severity, team, started_at, detected_at, ended_at, meeting_at, sort_at, created_at, updated_at, updated_by, doc, author_id, restricted)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $17)`, args...)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			return hindsight.Invalid("id", "%q is already taken by another post-mortem", p.ID)
		}
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE postmortems SET
			version = $2, title = $3, status = $4, severity = $5, team = $6, started_at = $7, detected_at = $8, ended_at = $9,
			meeting_at = $10, sort_at = $11, created_at = $12, updated_at = $13, updated_by = $14, doc = $15::jsonb,
			author_id = $16, restricted = $17
			WHERE id = $1`, args...)
	}
	if err != nil {
		return fmt.Errorf("write post-mortem: %w", err)
	}
	if err := writeSearch(ctx, tx, p); err != nil {
		return err
	}
	for _, tag := range p.Tags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO postmortem_tags (postmortem_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING`, p.ID, tag); err != nil {
			return fmt.Errorf("insert tag: %w", err)
		}
	}
	if readers := p.Access.Readers(); len(readers) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO postmortem_readers (postmortem_id, reader) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, p.ID, readers); err != nil {
			return fmt.Errorf("insert readers: %w", err)
		}
	}
	for i, c := range p.Countermeasures {
		cdoc, err := storedoc.EncodeCountermeasure(c)
		if err != nil {
			return err
		}
		var due any
		if c.Due != nil {
			due = c.Due.String()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO countermeasures
			(postmortem_id, id, position, kind, priority, owner, due, status, done_at, verified_at, doc)
			VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11::jsonb)`,
			p.ID, c.ID, i, c.Kind, c.Priority, hindsight.PersonKey(c.Owner), due, c.Status, c.DoneAt, c.VerifiedAt, string(cdoc)); err != nil {
			return fmt.Errorf("insert countermeasure: %w", err)
		}
	}
	if err := writePeople(ctx, tx, p); err != nil {
		return err
	}
	return writeLinks(ctx, tx, p)
}

// writePeople keeps the names p gives, for suggestions.
func writePeople(ctx context.Context, tx *sql.Tx, p *hindsight.PostMortem) error {
	names := p.People()
	if len(names) == 0 {
		return nil
	}
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = hindsight.PersonKey(n)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO people (key, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, keys, names); err != nil {
		return fmt.Errorf("insert people: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO postmortem_people (postmortem_id, key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, p.ID, keys); err != nil {
		return fmt.Errorf("insert people: %w", err)
	}
	return nil
}

// execer runs a statement: a transaction of database/sql, or of pgx in a
// bulk load (sqlTx).
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// writeLinks makes the saver's pending uploads that p links its
// attachments and marks every attachment p links as linked, so it is
// never purged.
func writeLinks(ctx context.Context, tx execer, p *hindsight.PostMortem) error {
	ids := p.AttachmentRefs()
	if len(ids) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `WITH claimed AS (
			DELETE FROM pending_uploads WHERE id = ANY($2::text[]) AND owner_id = $3
			RETURNING id, filename, content_type, data, created_at)
		INSERT INTO attachments (id, postmortem_id, filename, content_type, data, created_at, linked)
		SELECT id, $1, filename, content_type, data, created_at, TRUE FROM claimed ON CONFLICT DO NOTHING`, p.ID, ids, p.UpdatedByID); err != nil {
		return fmt.Errorf("claim uploads: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE attachments SET linked = TRUE WHERE postmortem_id = $1 AND id = ANY($2::text[]) AND NOT linked`, p.ID, ids); err != nil {
		return fmt.Errorf("link attachments: %w", err)
	}
	return nil
}

// sortAt is the time a post-mortem sorts and filters by.
func sortAt(p *hindsight.PostMortem) time.Time {
	if p.Incident.StartedAt != nil {
		return *p.Incident.StartedAt
	}
	return p.CreatedAt
}

// PutExact stores post-mortems exactly as they are — id, version, times,
// author — with every projection the store keeps, in one transaction. It
// is for moving a whole database here (hindsight migrate), not for
// changes: nothing is stamped or checked against a version.
func (s *Store) PutExact(ctx context.Context, ps []*hindsight.PostMortem) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, p := range ps {
			if err := upsert(ctx, tx, p, true); err != nil {
				return fmt.Errorf("post-mortem %s: %w", p.ID, err)
			}
		}
		return nil
	})
}

// DB is the connection pool, for moving a whole database here.
func (s *Store) DB() *sql.DB { return s.db }
