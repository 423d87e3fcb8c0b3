package markdown

import (
	"fmt"
	"time"
)

// Report says what an import made of a document: what it recognised, what
// it did not (kept as written for a person to look at), what it assumed,
// and the incident times it proposes from the timeline.
type Report struct {
	Recognised    []string `json:"recognised"`
	NotRecognised []string `json:"not_recognised"`
	Assumed       []string `json:"assumed"`
	// Zone is the zone given to times written without one.
	Zone string `json:"zone"`
	// Proposed holds incident times the document did not state, read from
	// its timeline, for the writer to accept.
	Proposed ProposedTimes `json:"proposed_incident_times"`
}

// ProposedTimes are incident times suggested from timeline events.
type ProposedTimes struct {
	StartedAt  *Proposal `json:"started_at,omitempty"`
	DetectedAt *Proposal `json:"detected_at,omitempty"`
	EndedAt    *Proposal `json:"ended_at,omitempty"`
}

// Any reports whether anything is proposed.
func (p ProposedTimes) Any() bool {
	return p.StartedAt != nil || p.DetectedAt != nil || p.EndedAt != nil
}

// Proposal is one proposed time and the event it comes from.
type Proposal struct {
	At    time.Time `json:"at"`
	Event string    `json:"event"`
}

// doc is the state of one parse: the report being written, the zone for
// times written without one, and values kept as written.
type doc struct {
	report   Report
	zone     *time.Location // declared in the document; nil when not
	zoneFrom string
	kept     []string
	noZone   int // times read without a zone of their own
	// incidentZone is the zone the incident times were written in, for a
	// timeline that names none.
	incidentZone *time.Location
	// year and fallbackDay come from the document's own date (front
	// matter, metadata), for timelines that give no date of their own.
	year        int
	fallbackDay *civil
	// dayFirst is how the document writes numeric dates (see dayFirst).
	dayFirst bool
	// text is the document's lines, for a date its timeline lacks.
	text []string
}

// Add records a value the import could not read; the value itself is kept
// by the caller.
func (d *doc) Add(field, format string, args ...any) {
	d.report.NotRecognised = append(d.report.NotRecognised, field+": "+fmt.Sprintf(format, args...))
}

// keep keeps a value that did not fit its field, as written.
func (d *doc) keep(label, raw string) {
	d.kept = append(d.kept, "- "+label+": "+raw)
}

// recognised notes something the import understood.
func (d *doc) recognised(format string, args ...any) {
	d.report.Recognised = append(d.report.Recognised, fmt.Sprintf(format, args...))
}

// newDoc starts a parse with an empty report.
func newDoc() *doc {
	return &doc{report: Report{Recognised: []string{}, NotRecognised: []string{}, Assumed: []string{}}}
}

// loc is the zone for a time written without one.
func (d *doc) loc() *time.Location {
	if d.zone != nil {
		return d.zone
	}
	return time.UTC
}
