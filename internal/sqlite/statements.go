package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// statements are a write transaction's prepared statements, parsed once
// and reused for every post-mortem of a batch.
type statements struct {
	insertDoc, updateDoc, insertTag, insertCM, insertFTS, insertReader    *sql.Stmt
	insertPerson, insertPMPerson, claimUpload, dropUpload, linkAttachment *sql.Stmt
	insertSummary, nextKey                                                *sql.Stmt
}

func (st *statements) all() []*sql.Stmt {
	return []*sql.Stmt{st.insertDoc, st.updateDoc, st.insertTag, st.insertCM, st.insertFTS, st.insertReader,
		st.insertPerson, st.insertPMPerson, st.claimUpload, st.dropUpload, st.linkAttachment, st.insertSummary, st.nextKey}
}

func prepare(ctx context.Context, tx *sql.Tx) (*statements, error) {
	st := &statements{}
	for _, p := range []struct {
		dst *(*sql.Stmt)
		sql string
	}{
		{&st.insertDoc, `INSERT INTO postmortems
			(id, version, title, status, severity, team, started_at, detected_at, ended_at, meeting_at, sort_at, created_at, updated_at, updated_by, author_id, restricted, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.updateDoc, `UPDATE postmortems SET
			version = ?, title = ?, status = ?, severity = ?, team = ?, started_at = ?, detected_at = ?, ended_at = ?,
			meeting_at = ?, sort_at = ?, updated_at = ?, updated_by = ?, restricted = ?, doc = ? WHERE rowid = ?`},
		{&st.insertReader, `INSERT OR IGNORE INTO postmortem_readers (postmortem_id, reader) VALUES (?, ?)`},
		{&st.insertTag, `INSERT OR IGNORE INTO postmortem_tags (postmortem_id, tag) VALUES (?, ?)`},
		{&st.insertCM, `INSERT INTO countermeasures
			(postmortem_id, id, position, kind, priority, owner, due, status, done_at, verified_at, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.insertFTS, `INSERT INTO postmortem_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)`},
		{&st.insertSummary, `INSERT INTO postmortem_summaries (postmortem_id, search_key, summary) VALUES (?, ?, ?)`},
		{&st.nextKey, `SELECT coalesce(max(search_key) + 1, ?) FROM postmortem_summaries WHERE search_key BETWEEN ? AND ?`},
		{&st.insertPerson, `INSERT OR IGNORE INTO people (key, name) VALUES (?, ?)`},
		{&st.insertPMPerson, `INSERT OR IGNORE INTO postmortem_people (postmortem_id, key) VALUES (?, ?)`},
		{&st.claimUpload, `INSERT INTO attachments (id, postmortem_id, filename, content_type, data, created_at, linked)
			SELECT id, ?, filename, content_type, data, created_at, 1 FROM pending_uploads WHERE id = ? AND owner_id = ?
			ON CONFLICT DO NOTHING`},
		{&st.dropUpload, `DELETE FROM pending_uploads WHERE id = ? AND owner_id = ?`},
		{&st.linkAttachment, `UPDATE attachments SET linked = 1 WHERE id = ? AND postmortem_id = ? AND linked = 0`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			st.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*p.dst = stmt
	}
	return st, nil
}

func (st *statements) close() {
	for _, s := range st.all() {
		if s != nil {
			s.Close()
		}
	}
}

func (st *statements) insert(ctx context.Context, p *hindsight.PostMortem) error {
	doc, err := storedoc.Encode(p)
	if err != nil {
		return err
	}
	_, err = st.insertDoc.ExecContext(ctx,
		p.ID, p.Version, p.Title, p.Status, p.Severity, p.Team,
		microsPtr(p.Incident.StartedAt), microsPtr(p.Incident.DetectedAt), microsPtr(p.Incident.EndedAt), microsPtr(p.Meeting.Date),
		sortAt(p), micros(p.CreatedAt), micros(p.UpdatedAt), p.UpdatedBy, p.AuthorID, p.Access.Restricted, doc)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return hindsight.Invalid("id", "%q is already taken by another post-mortem", p.ID)
		}
		return fmt.Errorf("insert post-mortem: %w", err)
	}
	return st.projections(ctx, p)
}

func (st *statements) update(ctx context.Context, p *hindsight.PostMortem, rowid int64) error {
	doc, err := storedoc.Encode(p)
	if err != nil {
		return err
	}
	_, err = st.updateDoc.ExecContext(ctx,
		p.Version, p.Title, p.Status, p.Severity, p.Team,
		microsPtr(p.Incident.StartedAt), microsPtr(p.Incident.DetectedAt), microsPtr(p.Incident.EndedAt), microsPtr(p.Meeting.Date),
		sortAt(p), micros(p.UpdatedAt), p.UpdatedBy, p.Access.Restricted, doc, rowid)
	if err != nil {
		return fmt.Errorf("update post-mortem: %w", err)
	}
	return st.projections(ctx, p)
}

// projections writes the side tables and the search entry derived from
// the document, in the same transaction as the document.
func (st *statements) projections(ctx context.Context, p *hindsight.PostMortem) error {
	for _, tag := range p.Tags {
		if _, err := st.insertTag.ExecContext(ctx, p.ID, tag); err != nil {
			return fmt.Errorf("insert tag: %w", err)
		}
	}
	for _, r := range p.Access.Readers() {
		if _, err := st.insertReader.ExecContext(ctx, p.ID, r); err != nil {
			return fmt.Errorf("insert reader: %w", err)
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
		if _, err := st.insertCM.ExecContext(ctx, p.ID, c.ID, i, c.Kind, c.Priority, hindsight.PersonKey(c.Owner), due, c.Status, microsPtr(c.DoneAt), microsPtr(c.VerifiedAt), doc); err != nil {
			return fmt.Errorf("insert countermeasure: %w", err)
		}
	}
	if err := st.writeSearch(ctx, p); err != nil {
		return err
	}
	if err := st.people(ctx, p); err != nil {
		return err
	}
	return st.links(ctx, p)
}

// people keeps the names p gives, for suggestions.
func (st *statements) people(ctx context.Context, p *hindsight.PostMortem) error {
	for _, name := range p.People() {
		key := hindsight.PersonKey(name)
		if _, err := st.insertPerson.ExecContext(ctx, key, name); err != nil {
			return fmt.Errorf("insert person: %w", err)
		}
		if _, err := st.insertPMPerson.ExecContext(ctx, p.ID, key); err != nil {
			return fmt.Errorf("insert person: %w", err)
		}
	}
	return nil
}

// links makes the saver's pending uploads that p links its attachments
// and marks every attachment p links as linked, so it is never purged.
func (st *statements) links(ctx context.Context, p *hindsight.PostMortem) error {
	for _, id := range p.AttachmentRefs() {
		if _, err := st.claimUpload.ExecContext(ctx, p.ID, id, p.UpdatedByID); err != nil {
			return fmt.Errorf("claim upload: %w", err)
		}
		if _, err := st.dropUpload.ExecContext(ctx, id, p.UpdatedByID); err != nil {
			return fmt.Errorf("claim upload: %w", err)
		}
		if _, err := st.linkAttachment.ExecContext(ctx, id, p.ID); err != nil {
			return fmt.Errorf("link attachment: %w", err)
		}
	}
	return nil
}
