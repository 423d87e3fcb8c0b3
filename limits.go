package hindsight

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Bounds that keep every request's cost bounded: no single post-mortem,
// query or upload may make a page, a report or a feed arbitrarily slow or
// large for everybody else.
const (
	// EarliestYear and LatestYear bound every time and date: a mistyped
	// year 1 or 9999 would otherwise stretch every per-month report over
	// thousands of empty months.
	EarliestYear = 1970
	LatestYear   = 2100
	// MaxVerifications bounds a countermeasure's history of checks.
	MaxVerifications = 200
	// MaxDocumentBytes bounds a whole stored post-mortem.
	MaxDocumentBytes = 4 << 20
	// MaxQueryBytes and MaxQueryWords bound a search: every word is one
	// more index lookup and one more condition to rank.
	MaxQueryBytes = 256
	MaxQueryWords = 16
	// MaxAttachments and MaxAttachmentBytes bound one post-mortem's images.
	MaxAttachments     = 100
	MaxAttachmentBytes = 100 << 20
)

// inRange reports whether t falls within the years Hindsight keeps.
func inRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= EarliestYear && y <= LatestYear
}

// validateBounds adds to v every time outside the years kept, a
// verification history over its bound and a document over its size.
func (p *PostMortem) validateBounds(v *ValidationError) {
	when := func(field string, t *time.Time) {
		if t != nil && !inRange(*t) {
			v.Add(field, "is in %d: times must be between %d and %d", t.UTC().Year(), EarliestYear, LatestYear)
		}
	}
	when("meeting.date", p.Meeting.Date)
	when("incident.started_at", p.Incident.StartedAt)
	when("incident.detected_at", p.Incident.DetectedAt)
	when("incident.ended_at", p.Incident.EndedAt)
	for i, at := range p.Incident.AdditionalTimes {
		if !at.At.IsZero() {
			when(fmt.Sprintf("incident.additional_times[%d].at", i), &at.At)
		}
	}
	for i, e := range p.Events {
		when(fmt.Sprintf("events[%d].at", i), e.At)
	}
	for i, c := range p.Countermeasures {
		f := fmt.Sprintf("countermeasures[%d]", i)
		if c.Due != nil && (c.Due.Year < EarliestYear || c.Due.Year > LatestYear) {
			v.Add(f+".due", "is in %d: dates must be between %d and %d", c.Due.Year, EarliestYear, LatestYear)
		}
		if len(c.Verifications) > MaxVerifications {
			v.Add(f+".verifications", "has %d checks; at most %d are kept", len(c.Verifications), MaxVerifications)
		}
		if len(c.ID) > 100 || strings.ContainsRune(c.ID, 0) {
			v.Add(f+".id", "must be at most 100 characters of text")
		}
	}
	if len(v.Fields) == 0 {
		if b, err := json.Marshal(p); err == nil && len(b) > MaxDocumentBytes {
			v.Add("body", "makes a post-mortem of %d bytes; at most %d are kept — attach images rather than pasting them, and split very long logs out", len(b), MaxDocumentBytes)
		}
	}
}

// checkQuery refuses a search too long to run cheaply.
func checkQuery(q string) error {
	if len(q) > MaxQueryBytes {
		return Invalid("q", "is %d bytes; a search may have at most %d", len(q), MaxQueryBytes)
	}
	// Words as the stores split them: letters and digits.
	if n := len(strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })); n > MaxQueryWords {
		return Invalid("q", "has %d words; a search may have at most %d", n, MaxQueryWords)
	}
	return nil
}

// clean reports whether s is text a store can take: valid UTF-8 without
// NUL. SQLite would keep anything; PostgreSQL refuses these deep inside a
// query. Checking at the way in makes both answer alike.
func clean(s ...string) bool {
	for _, x := range s {
		if !utf8.ValidString(x) || strings.ContainsRune(x, 0) {
			return false
		}
	}
	return true
}

// checkText names the first filter value that is not clean text.
func checkText(fields ...string) error {
	for i := 0; i+1 < len(fields); i += 2 {
		if !clean(fields[i+1]) {
			return Invalid(fields[i], "is not valid UTF-8 text or holds a NUL character")
		}
	}
	return nil
}
