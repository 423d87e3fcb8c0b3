package storedoc

import (
	"encoding/json"
	"fmt"
	"time"

	"hindsight"
)

// Rows is what ReadPage needs of *sql.Rows.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ReadPage reads a time-ordered list query's rows — one stored summary
// (see EncodeSummary) each, limit+1 of them asked for — into a page with
// the cursor of the next page when there is one. Lists never read the
// documents: decoding them was most of a list page's time.
func ReadPage(rows Rows, limit int) (hindsight.Page, error) {
	page := hindsight.Page{Items: []hindsight.Summary{}}
	for rows.Next() {
		if len(page.Items) == limit {
			last := page.Items[limit-1]
			page.NextCursor = EncodeCursor(Cursor{ID: last.ID, SortAt: SortAt(last)})
			break
		}
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return hindsight.Page{}, err
		}
		s, err := DecodeSummary(raw)
		if err != nil {
			return hindsight.Page{}, err
		}
		page.Items = append(page.Items, s)
	}
	return page, rows.Err()
}

// SearchHit is one match of a search as an engine reads it: its tier, its
// place in the tier's order, its stored summary and its searchable text.
type SearchHit struct {
	Tier    int
	SortAt  int64
	ID      string
	Key     int64
	Summary []byte
	Text    SearchText
}

// SearchPage makes a page of the hits (limit+1 of them read, across tiers)
// with snippets for q and the cursor after the last one shown.
func SearchPage(hits []SearchHit, limit int, q string) (hindsight.Page, error) {
	page := hindsight.Page{Items: []hindsight.Summary{}}
	for i, h := range hits {
		if i == limit {
			last := hits[limit-1]
			page.NextCursor = EncodeCursor(SearchCursor(last.Tier, last.SortAt, last.ID, last.Key))
			break
		}
		s, err := DecodeSummary(h.Summary)
		if err != nil {
			return hindsight.Page{}, err
		}
		s.Snippet = SnippetOf(h.Text, q, 30)
		page.Items = append(page.Items, s)
	}
	return page, nil
}

// EncodeSummary is the stored form of what a list shows of p: a small
// JSON object kept beside the document so lists read a few hundred bytes
// per row instead of decoding whole post-mortems.
func EncodeSummary(p *hindsight.PostMortem) ([]byte, error) {
	b, err := json.Marshal(SummaryOf(p, ""))
	if err != nil {
		return nil, fmt.Errorf("encode summary: %w", err)
	}
	return b, nil
}

// DecodeSummary reads a stored summary.
func DecodeSummary(raw []byte) (hindsight.Summary, error) {
	var s hindsight.Summary
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("decode summary: %w", err)
	}
	return s, nil
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

// DecodeAll reads rows of one stored document each.
func DecodeAll(rows Rows) ([]*hindsight.PostMortem, error) {
	var out []*hindsight.PostMortem
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		p, err := Decode(doc)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
