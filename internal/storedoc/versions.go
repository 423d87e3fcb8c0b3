package storedoc

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"hindsight"
)

// A post-mortem's history keeps the whole document of every version it
// replaced, each compressed with DEFLATE, in a table of its own beside the
// current document. Whole documents rather than deltas: showing, comparing
// or restoring any version reads one row and inflates it, never a chain of
// edits, and a post-mortem saved 500 times costs its current reader
// nothing — the current document stays one row in postmortems, and the
// history is only read when someone asks for it. Compression keeps the
// cost down: a document's JSON shrinks to about a quarter.

// CompressVersion is the stored form of a replaced version's document.
func CompressVersion(doc []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(doc); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DecodeVersion reads a document CompressVersion stored.
func DecodeVersion(b []byte) (*hindsight.PostMortem, error) {
	doc, err := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
	if err != nil {
		return nil, fmt.Errorf("inflate stored version: %w", err)
	}
	return Decode(doc)
}

// RevisionPaging reads a history filter's page size and the version the
// page starts below (0 for the newest).
func RevisionPaging(f hindsight.RevisionFilter) (limit int, below int64, err error) {
	if limit, err = Limit(f.Limit); err != nil {
		return 0, 0, err
	}
	if f.Cursor == "" {
		return limit, 0, nil
	}
	below, err = strconv.ParseInt(f.Cursor, 10, 64)
	if err != nil || below < 1 {
		return 0, 0, hindsight.Invalid("cursor", "is not a cursor from a previous page of this history")
	}
	return limit, below, nil
}

// RevisionPage ends a page read with one row more than limit.
func RevisionPage(items []hindsight.Revision, limit int) hindsight.RevisionPage {
	page := hindsight.RevisionPage{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = strconv.FormatInt(items[limit-1].Version, 10)
	}
	if page.Items == nil {
		page.Items = []hindsight.Revision{}
	}
	return page
}

// EncodeStrings is the stored form of a list of strings (a revision's
// changed fields), which DecodeStrings reads.
func EncodeStrings(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(list)
	return string(b)
}
