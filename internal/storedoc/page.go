package storedoc

import (
	"time"

	"hindsight"
)

// Rows is what ReadPage needs of *sql.Rows.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ReadPage reads a list query's rows — one stored document each, limit+1
// of them asked for — into a page of summaries, with snippets for q and
// the cursor of the next page when there is one.
func ReadPage(rows Rows, limit int, cur Cursor, search bool, q string) (hindsight.Page, error) {
	page := hindsight.Page{Items: []hindsight.Summary{}}
	for rows.Next() {
		if len(page.Items) == limit {
			next := Cursor{Search: search}
			if search {
				next.Offset = cur.Offset + limit
			} else {
				last := page.Items[limit-1]
				next.ID, next.SortAt = last.ID, SortAt(last)
			}
			page.NextCursor = EncodeCursor(next)
			break
		}
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return hindsight.Page{}, err
		}
		p, err := Decode(doc)
		if err != nil {
			return hindsight.Page{}, err
		}
		page.Items = append(page.Items, SummaryOf(p, Snippet(p, q, 30)))
	}
	return page, rows.Err()
}

// SortAt is the keyset time of a summary in Unix microseconds: the
// incident start, or the creation time without one.
func SortAt(s hindsight.Summary) int64 {
	if s.StartedAt != nil {
		return s.StartedAt.UnixMicro()
	}
	return s.CreatedAt.UnixMicro()
}

// Stamp gives new post-mortems what a store sets on creation: an id when
// they have none and version 1; the times the service stamped are kept at
// the microsecond both engines store. It works on copies, so a failed
// write leaves the caller's values untouched.
func Stamp(ps []*hindsight.PostMortem) []hindsight.PostMortem {
	out := make([]hindsight.PostMortem, len(ps))
	for i, p := range ps {
		c := *p
		if c.ID == "" {
			c.ID = hindsight.NewID()
		}
		c.Version = 1
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC().Truncate(time.Microsecond), c.UpdatedAt.UTC().Truncate(time.Microsecond)
		out[i] = c
	}
	return out
}

// CountermeasurePaging reads a tracker filter's page size, cursor and
// order, as both engines need them.
func CountermeasurePaging(f hindsight.CountermeasureFilter) (limit int, cur Cursor, order string, err error) {
	if limit, err = Limit(f.Limit); err != nil {
		return
	}
	if cur, err = DecodeCursor(f.Cursor, true); err != nil {
		return
	}
	order, err = CountermeasureOrder(f.Sort)
	return
}
