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
	insertDoc, updateDoc, insertFTS, insertPerson, claimUpload, dropUpload *sql.Stmt
	linkAttachment, nextKey                                                *sql.Stmt
	// The side tables' rows: written at once in a save (stmtRows),
	// gathered and written many per statement in a bulk load (bulkRows).
	// A post-mortem's own row is written at once even then: the triggers
	// on postmortems would make SQLite copy a many-row insert's rows into
	// a temporary table first.
	tags, readers, countermeasures, postmortemPeople, versions, summaries rowWriter
	// bulk is what a bulk load keeps in memory; nil in a save.
	bulk *bulkState
	// own are the statements to close.
	own []*sql.Stmt
}

// The inserts of the side tables' rows, up to VALUES. Those that are not
// OR IGNORE are OR FAIL: a bulk load writes many rows per statement, and
// SQLite keeps a statement journal (a copy of every page the statement
// changes, to undo it alone) for such a statement when a row can abort
// it; it also makes the full-text index write out what it holds (see
// ftsRows). A failing row fails the whole transaction anyway.
var (
	tagRows              = rowInsert{`INSERT OR IGNORE INTO postmortem_tags (postmortem_id, tag) VALUES `, 2}
	readerRows           = rowInsert{`INSERT OR IGNORE INTO postmortem_readers (postmortem_id, reader) VALUES `, 2}
	postmortemPeopleRows = rowInsert{`INSERT OR IGNORE INTO postmortem_people (postmortem_id, key) VALUES `, 2}
	summaryRows          = rowInsert{`INSERT OR FAIL INTO postmortem_summaries (postmortem_id, search_key, summary) VALUES `, 3}
	countermeasureRows   = rowInsert{`INSERT OR FAIL INTO countermeasures
		(postmortem_id, id, position, kind, priority, owner, due, status, done_at, verified_at, doc) VALUES `, 11}
	versionRows = rowInsert{`INSERT OR FAIL INTO postmortem_versions
		(postmortem_id, version, saved_at, saved_by, saved_by_id, changes, note, restored_from) VALUES `, 8}
	ftsRowInsert = rowInsert{`INSERT INTO postmortem_fts (rowid, title, summary, body) VALUES `, 4}
)

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
		{&st.insertFTS, ftsRowInsert.sql(1)},
		{&st.nextKey, `SELECT coalesce(max(search_key) + 1, ?) FROM postmortem_summaries WHERE search_key BETWEEN ? AND ?`},
		{&st.insertPerson, `INSERT OR IGNORE INTO people (key, name) VALUES (?, ?)`},
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
		st.own = append(st.own, stmt)
	}
	for _, r := range []struct {
		dst *rowWriter
		ins rowInsert
	}{
		{&st.tags, tagRows}, {&st.readers, readerRows}, {&st.postmortemPeople, postmortemPeopleRows},
		{&st.countermeasures, countermeasureRows}, {&st.versions, versionRows}, {&st.summaries, summaryRows},
	} {
		stmt, err := tx.PrepareContext(ctx, r.ins.sql(1))
		if err != nil {
			st.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*r.dst = stmtRows{stmt, r.ins}
		st.own = append(st.own, stmt)
	}
	return st, nil
}

func (st *statements) close() {
	for _, s := range st.own {
		s.Close()
	}
}

func (st *statements) insert(ctx context.Context, p *hindsight.PostMortem) error {
	e, err := storedoc.EncodeWrite(p)
	if err != nil {
		return err
	}
	return st.insertEncoded(ctx, &e)
}

func (st *statements) insertEncoded(ctx context.Context, e *storedoc.Encoded) error {
	p := e.PostMortem
	_, err := st.insertDoc.ExecContext(ctx,
		p.ID, p.Version, p.Title, p.Status, p.Severity, p.Team,
		microsPtr(p.Incident.StartedAt), microsPtr(p.Incident.DetectedAt), microsPtr(p.Incident.EndedAt), microsPtr(p.Meeting.Date),
		sortAt(p), micros(p.CreatedAt), micros(p.UpdatedAt), p.UpdatedBy, p.AuthorID, p.Access.Restricted, e.Doc)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return hindsight.Invalid("id", "%q is already taken by another post-mortem", p.ID)
		}
		return fmt.Errorf("insert post-mortem: %w", err)
	}
	return st.projections(ctx, e)
}

func (st *statements) update(ctx context.Context, p *hindsight.PostMortem, rowid int64) error {
	e, err := storedoc.EncodeWrite(p)
	if err != nil {
		return err
	}
	_, err = st.updateDoc.ExecContext(ctx,
		p.Version, p.Title, p.Status, p.Severity, p.Team,
		microsPtr(p.Incident.StartedAt), microsPtr(p.Incident.DetectedAt), microsPtr(p.Incident.EndedAt), microsPtr(p.Meeting.Date),
		sortAt(p), micros(p.UpdatedAt), p.UpdatedBy, p.Access.Restricted, e.Doc, rowid)
	if err != nil {
		return fmt.Errorf("update post-mortem: %w", err)
	}
	return st.projections(ctx, &e)
}

// projections writes the side tables and the search entry derived from
// the document, in the same transaction as the document.
func (st *statements) projections(ctx context.Context, e *storedoc.Encoded) error {
	p := e.PostMortem
	for _, tag := range p.Tags {
		if err := st.tags.add(ctx, p.ID, tag); err != nil {
			return fmt.Errorf("insert tag: %w", err)
		}
	}
	for _, r := range p.Access.Readers() {
		if err := st.readers.add(ctx, p.ID, r); err != nil {
			return fmt.Errorf("insert reader: %w", err)
		}
	}
	for i, c := range p.Countermeasures {
		var due any
		if c.Due != nil {
			due = c.Due.String()
		}
		if err := st.countermeasures.add(ctx, p.ID, c.ID, i, c.Kind, c.Priority, hindsight.PersonKey(c.Owner), due, c.Status, microsPtr(c.DoneAt), microsPtr(c.VerifiedAt), e.Countermeasures[i]); err != nil {
			return fmt.Errorf("insert countermeasure: %w", err)
		}
	}
	if err := st.writeSearch(ctx, e); err != nil {
		return err
	}
	if err := st.people(ctx, e); err != nil {
		return err
	}
	return st.links(ctx, e)
}

// people keeps the names p gives, for suggestions.
func (st *statements) people(ctx context.Context, e *storedoc.Encoded) error {
	for i, name := range e.People {
		key := e.PeopleKeys[i]
		if st.bulk == nil || !st.bulk.people[key] {
			if _, err := st.insertPerson.ExecContext(ctx, key, name); err != nil {
				return fmt.Errorf("insert person: %w", err)
			}
		}
		if st.bulk != nil {
			st.bulk.people[key] = true
		}
		if err := st.postmortemPeople.add(ctx, e.ID, key); err != nil {
			return fmt.Errorf("insert person: %w", err)
		}
	}
	return nil
}

// links makes the saver's pending uploads that p links its attachments
// and marks every attachment p links as linked, so it is never purged.
func (st *statements) links(ctx context.Context, e *storedoc.Encoded) error {
	p := e.PostMortem
	for _, id := range e.Attachments {
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
