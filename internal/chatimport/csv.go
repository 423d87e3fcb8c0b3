package chatimport

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"hindsight"
)

// ReadCSV reads rows of time, who, what and (optionally) kind. A header row
// naming the columns may come first, in any order; without one the columns
// are in that order. Times without a zone are in loc.
func ReadCSV(r io.Reader, loc *time.Location) ([]Message, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("CSV: %w", err)
	}
	col := map[string]int{"time": 0, "who": 1, "what": 2, "kind": 3}
	if len(rows) > 0 && headerRow(rows[0], col) {
		rows = rows[1:]
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i >= 0 && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var out []Message
	for n, row := range rows {
		m, err := message(get(row, "time"), get(row, "who"), get(row, "what"), get(row, "kind"), loc)
		if err != nil {
			return nil, fmt.Errorf("CSV row %d: %w", n+1, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// headerRow reads a header row into col; it reports whether row is one.
func headerRow(row []string, col map[string]int) bool {
	names := map[string]string{"time": "time", "timestamp": "time", "when": "time", "at": "time", "date": "time",
		"who": "who", "author": "who", "user": "who", "by": "who", "reported_by": "who", "name": "who",
		"what": "what", "text": "what", "message": "what", "event": "what", "description": "what", "kind": "kind", "type": "kind"}
	found := map[string]int{"kind": -1}
	for i, h := range row {
		if n, ok := names[strings.ToLower(strings.TrimSpace(h))]; ok {
			found[n] = i
		}
	}
	if _, ok := found["time"]; !ok {
		return false
	}
	for k, v := range found {
		col[k] = v
	}
	return true
}

// message builds one message from its parts as written.
func message(when, who, what, kind string, loc *time.Location) (Message, error) {
	at, err := ParseTime(when, loc)
	if err != nil {
		return Message{}, err
	}
	m := Message{At: at, Author: who, Text: what}
	if kind != "" {
		k := hindsight.EventKind(strings.ToLower(kind))
		if !slices.Contains(hindsight.EventKinds, k) {
			return Message{}, fmt.Errorf("kind %q is not one of %v", kind, hindsight.EventKinds)
		}
		m.Kind = k
	}
	return m, nil
}

// timeLayouts are the ways chat and spreadsheet tools write a time.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04", "01/02/2006 15:04:05", "01/02/2006 15:04", "2006/01/02 15:04:05", "2006/01/02 15:04"}

// ParseTime reads a full time; one without a zone is in loc. A Unix time
// in seconds (Slack's "ts") is read too.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	// A Unix time: Slack's "ts" has a fraction that numbers messages
	// within a second, so only the seconds are a time.
	if sec, frac, ok := strings.Cut(s, "."); len(sec) >= 9 && allDigits(sec) && (!ok || allDigits(frac)) {
		n, err := strconv.ParseInt(sec, 10, 64)
		if err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q is not like 2026-03-10 09:42 or 2026-03-10T09:42:00Z", s)
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
