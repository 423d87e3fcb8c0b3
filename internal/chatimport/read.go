package chatimport

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Source is where chat messages come from and how to read their times.
type Source struct {
	// Format is "slack" (an export folder or zip), "text" (pasted chat),
	// "csv" or "jsonl".
	Format string
	// Channel is the Slack channel, when the export holds several.
	Channel string
	// Day is the date of pasted messages that give only a time of day.
	Day time.Time
	// Zone is the zone of times written without one.
	Zone *time.Location
}

// Formats lists the formats Read takes.
var Formats = []string{"slack", "text", "csv", "jsonl"}

// Read reads messages from data in the source's format; a Slack export is
// given as the bytes of its zip.
func Read(src Source, data []byte) ([]Message, error) {
	loc := src.Zone
	if loc == nil {
		loc = time.UTC
	}
	switch src.Format {
	case "slack":
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, fmt.Errorf("a Slack export is the zip Slack makes: %w", err)
		}
		return ReadSlackExport(z, src.Channel)
	case "text":
		if src.Day.IsZero() {
			return nil, fmt.Errorf("pasted chat needs the date its times fall on")
		}
		return ReadPasted(string(data), src.Day, loc)
	case "csv":
		return ReadCSV(bytes.NewReader(data), loc)
	case "jsonl":
		return ReadJSONLines(bytes.NewReader(data), loc)
	}
	return nil, fmt.Errorf("format %q is not one of %v", src.Format, Formats)
}

// ReadPath reads messages from a file, or for Slack from an export folder
// or zip.
func ReadPath(src Source, path string) ([]Message, error) {
	if src.Format == "slack" {
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			return ReadSlackExport(os.DirFS(path), src.Channel)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(src, data)
}

var _ fs.FS = (*zip.Reader)(nil)
