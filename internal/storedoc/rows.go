package storedoc

import (
	"context"
	"database/sql"
	"hindsight"
)

// ReadCountermeasureRows reads a tracker query's rows — countermeasure
// document, post-mortem id, title, version, severity and tags (JSON) —
// limit+1 of them asked for, into a page.
func ReadCountermeasureRows(rows Rows, limit int, cur Cursor) (hindsight.CountermeasurePage, error) {
	page := hindsight.CountermeasurePage{Items: []hindsight.CountermeasureRow{}}
	for rows.Next() {
		if len(page.Items) == limit {
			page.NextCursor = EncodeCursor(Cursor{Search: true, Offset: cur.Offset + limit})
			break
		}
		var cdoc, tags []byte
		var row hindsight.CountermeasureRow
		if err := rows.Scan(&cdoc, &row.PostMortemID, &row.PostMortemTitle, &row.PostMortemVersion, &row.Severity, &tags); err != nil {
			return hindsight.CountermeasurePage{}, err
		}
		var err error
		if row.Countermeasure, err = DecodeCountermeasure(cdoc); err != nil {
			return hindsight.CountermeasurePage{}, err
		}
		if row.Tags, err = DecodeStrings(tags); err != nil {
			return hindsight.CountermeasurePage{}, err
		}
		page.Items = append(page.Items, row)
	}
	return page, rows.Err()
}

// Querier is a database both engines' counting queries run on.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// CountByStatus counts post-mortems by status; the query is the same on
// both engines.
func CountByStatus(ctx context.Context, db Querier) (map[hindsight.Status]int, error) {
	rows, err := db.QueryContext(ctx, `SELECT status, count(*) FROM postmortems GROUP BY status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[hindsight.Status]int{}
	for rows.Next() {
		var st hindsight.Status
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
