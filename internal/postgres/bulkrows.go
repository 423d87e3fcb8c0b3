package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"hindsight"
	"hindsight/internal/storedoc"
)

// batchRows are a batch's rows, table by table, as a save writes them.
type batchRows struct {
	docs, versions, summaries, search, tags, readers, countermeasures, people [][]any
}

// rowsOf lays a batch out in rows. Tags and readers a post-mortem names
// twice are written once, as a save's ON CONFLICT DO NOTHING keeps them;
// the people it names go to seen.
func rowsOf(b loadBatch, seen *peopleSeen) batchRows {
	var r batchRows
	for j, e := range b.encoded {
		p := e.PostMortem
		r.docs = append(r.docs, []any{p.ID, p.Version, p.Title, p.Status, p.Severity, p.Team,
			p.Incident.StartedAt, p.Incident.DetectedAt, p.Incident.EndedAt, p.Meeting.Date,
			sortAt(p), p.CreatedAt, p.UpdatedAt, p.UpdatedBy, e.Doc, p.AuthorID, p.Access.Restricted})
		r.versions = append(r.versions, []any{p.ID, p.Version, p.UpdatedAt, p.UpdatedBy, p.UpdatedByID,
			string(storedoc.EncodeStrings(nil)), p.ChangeNote})
		r.summaries = append(r.summaries, []any{p.ID, string(e.Summary)})
		for _, tag := range once(p.Tags) {
			r.tags = append(r.tags, []any{p.ID, tag})
		}
		for _, reader := range once(p.Access.Readers()) {
			r.readers = append(r.readers, []any{p.ID, reader})
		}
		for i, c := range p.Countermeasures {
			due := pgtype.Date{}
			if c.Due != nil {
				due = pgtype.Date{Time: c.Due.Time(), Valid: true}
			}
			r.countermeasures = append(r.countermeasures, []any{p.ID, c.ID, i, c.Kind, c.Priority, hindsight.PersonKey(c.Owner),
				due, c.Status, c.DoneAt, c.VerifiedAt, e.Countermeasures[i]})
		}
		for i, key := range e.PeopleKeys {
			r.people = append(r.people, []any{p.ID, key})
			seen.add(key, e.People[i])
		}
		v := b.vectors[j]
		r.search = append(r.search, []any{p.ID, sortAt(p), v.rank, v.search, e.Text.Title, e.Text.Summary, e.Text.Body, v.title, v.head})
	}
	return r
}

// once is items without repeats, in order.
func once(items []string) []string {
	seen := make(map[string]bool, len(items))
	out := items[:0:0]
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// peopleSeen are the people a load names, each key with the first name
// given for it, as saves one after another would keep them.
type peopleSeen struct {
	keys, names []string
	seen        map[string]bool
}

func newPeople() *peopleSeen { return &peopleSeen{seen: map[string]bool{}} }

func (p *peopleSeen) add(key, name string) {
	if !p.seen[key] {
		p.seen[key] = true
		p.keys, p.names = append(p.keys, key), append(p.names, name)
	}
}

// write adds the people not known yet.
func (p *peopleSeen) write(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `INSERT INTO people (key, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, p.keys, p.names); err != nil {
		return fmt.Errorf("insert people: %w", err)
	}
	return nil
}
