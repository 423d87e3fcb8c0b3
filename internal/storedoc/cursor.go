package storedoc

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"hindsight"
)

// Cursor is the position after the last item of a page. Lists ordered by
// time use the keyset (SortAt, ID), which stays correct while rows are
// added; searches add the tier (see Tiers) and, on SQLite, the search key;
// the tracker's ordered pages use Offset.
type Cursor struct {
	SortAt int64  `json:"t,omitempty"`
	ID     string `json:"i,omitempty"`
	Offset int    `json:"o,omitempty"`
	Tier   int    `json:"r,omitempty"`
	Key    int64  `json:"k,omitempty"`
	// Search records whether the cursor came from a relevance-ordered
	// list, so one is not used for the other.
	Search bool `json:"s,omitempty"`
}

// EncodeCursor makes the opaque string handed to clients.
func EncodeCursor(c Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a client's cursor; "" is the first page. A cursor that
// was not made by EncodeCursor is a validation error on field "cursor".
func DecodeCursor(s string, search bool) (Cursor, error) {
	var c Cursor
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.Offset < 0 || c.Tier < 0 || c.Tier > TierBody || c.Search != search {
		return Cursor{}, hindsight.Invalid("cursor", "is not a cursor from a previous page of this list")
	}
	return c, nil
}

// Limit turns a requested page size into the one used.
func Limit(n int) (int, error) {
	switch {
	case n == 0:
		return hindsight.DefaultPageSize, nil
	case n < 0 || n > hindsight.MaxPageSize:
		return 0, hindsight.Invalid("limit", "must be between 1 and %d", hindsight.MaxPageSize)
	}
	return n, nil
}

// AuditPaging reads an audit filter's page size and cursor.
func AuditPaging(f hindsight.AuditFilter) (int, Cursor, error) {
	limit, err := Limit(f.Limit)
	if err != nil {
		return 0, Cursor{}, err
	}
	cur, err := DecodeCursor(f.Cursor, false)
	return limit, cur, err
}

// AuditPageOf trims a page read with limit+1 rows and sets its cursor
// from the last event kept.
func AuditPageOf(p hindsight.AuditPage, limit int) hindsight.AuditPage {
	if len(p.Items) > limit {
		p.Items = p.Items[:limit]
		last := p.Items[limit-1]
		p.NextCursor = EncodeCursor(Cursor{SortAt: last.At.UnixMicro(), ID: last.ID})
	}
	return p
}

// LikePrefix escapes s for a LIKE pattern (with ESCAPE '\') and matches
// anything after it.
func LikePrefix(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}
