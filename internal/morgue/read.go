package morgue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/go-sql-driver/mysql"
)

// Record is one Morgue post-mortem as stored: the row's columns by name
// (columns differ between Morgue versions) and what hangs off it.
type Record struct {
	ID       int64
	Columns  map[string]string
	Tags     []string
	Tickets  []string
	Images   []string
	Forums   []Link
	Channels []string
	Slack    []SlackLog
	History  []HistoryEntry
}

// Link is a forum link and its comment.
type Link struct{ URL, Comment string }

// SlackLog is a Slack channel attached to a post-mortem and the messages
// Morgue saved from it (as HTML).
type SlackLog struct{ Channel, HTML string }

// HistoryEntry is one line of Morgue's edit history.
type HistoryEntry struct {
	User, Action string
	At           int64
}

// Read loads every post-mortem of a Morgue database. Tables of features a
// Morgue install does not use may be missing; they are skipped.
func Read(ctx context.Context, db *sql.DB) ([]*Record, error) {
	rows, err := db.QueryContext(ctx, "SELECT * FROM postmortems ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read postmortems: %w", err)
	}
	recs, err := scanRecords(rows)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	assoc := []struct {
		query string
		add   func(r *Record, a, b string, n int64)
	}{
		{"SELECT pmt.postmortem_id, t.title, '', 0 FROM postmortem_referenced_tags pmt JOIN tags t ON t.id = pmt.tag_id WHERE pmt.deleted = 0 ORDER BY t.title",
			func(r *Record, a, _ string, _ int64) { r.Tags = append(r.Tags, a) }},
		{"SELECT postmortem_id, ticket, '', 0 FROM jira WHERE deleted = 0 ORDER BY id", func(r *Record, a, _ string, _ int64) { r.Tickets = append(r.Tickets, a) }},
		{"SELECT postmortem_id, image_link, '', 0 FROM images WHERE deleted = 0 ORDER BY id", func(r *Record, a, _ string, _ int64) { r.Images = append(r.Images, a) }},
		{"SELECT postmortem_id, forum_link, COALESCE(comment, ''), 0 FROM forum_links WHERE deleted = 0 ORDER BY id",
			func(r *Record, a, b string, _ int64) { r.Forums = append(r.Forums, Link{a, b}) }},
		{"SELECT postmortem_id, channel, '', 0 FROM irc WHERE deleted = 0 ORDER BY id", func(r *Record, a, _ string, _ int64) { r.Channels = append(r.Channels, a) }},
		{"SELECT postmortem_id, channel_name, COALESCE(CAST(message AS CHAR CHARACTER SET utf8mb4), ''), 0 FROM slack WHERE deleted = 0 ORDER BY id",
			func(r *Record, a, b string, _ int64) { r.Slack = append(r.Slack, SlackLog{a, b}) }},
		{"SELECT postmortem_id, auth_username, action, create_date FROM postmortem_history ORDER BY create_date, id",
			func(r *Record, a, b string, n int64) { r.History = append(r.History, HistoryEntry{a, b, n}) }},
	}
	for _, q := range assoc {
		if err := readAssoc(ctx, db, q.query, byID, q.add); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

func scanRecords(rows *sql.Rows) ([]*Record, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []*Record
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := &Record{Columns: map[string]string{}}
		for i, c := range cols {
			r.Columns[c] = vals[i].String
		}
		fmt.Sscan(r.Columns["id"], &r.ID)
		out = append(out, r)
	}
	return out, rows.Err()
}

// readAssoc reads one association table; a table the install lacks is
// skipped.
func readAssoc(ctx context.Context, db *sql.DB, query string, byID map[int64]*Record, add func(*Record, string, string, int64)) error {
	rows, err := db.QueryContext(ctx, query)
	var me *mysql.MySQLError
	if errors.As(err, &me) && me.Number == 1146 { // no such table
		return nil
	}
	if err != nil {
		return fmt.Errorf("read Morgue: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int64
		var a, b string
		if err := rows.Scan(&id, &a, &b, &n); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			add(r, a, b, n)
		}
	}
	return rows.Err()
}
