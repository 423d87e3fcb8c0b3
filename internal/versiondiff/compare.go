package versiondiff

import (
	"strings"
	"time"

	"hindsight"
)

// Diff is everything that changed from one version to another, section by
// section in the order the post-mortem reads; sections without changes
// are left out.
type Diff struct {
	From     int64     `json:"from"`
	To       int64     `json:"to"`
	Sections []Section `json:"sections"`
}

// Section is one part of the post-mortem ("Incident times", "What
// happened") and its changed items.
type Section struct {
	Field string `json:"field"`
	Label string `json:"label"`
	Items []Item `json:"items"`
}

// The ways an item can differ.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Item is one thing that changed: a list entry (an event, a
// countermeasure) matched with its counterpart, or a section's plain
// fields together.
type Item struct {
	Label  string  `json:"label"`
	Change string  `json:"change"`
	Fields []Field `json:"fields"`
}

// Field is one value in both versions. Field is its JSON path in the
// newer version (the older one for a removed item). Words, for text, says
// word by word what changed.
type Field struct {
	Field string `json:"field"`
	Label string `json:"label"`
	From  string `json:"from"`
	To    string `json:"to"`
	Words []Span `json:"words,omitempty"`
}

// Compare lays out what changed from a to b. Times are written with
// formatTime: the API gives RFC 3339 in UTC, a page the reader's zone.
func Compare(a, b *hindsight.PostMortem, formatTime func(time.Time) string) Diff {
	t := func(x *time.Time) string {
		if x == nil {
			return ""
		}
		return formatTime(*x)
	}
	d := Diff{From: a.Version, To: b.Version, Sections: []Section{}}
	add := func(field, label string, items []Item) {
		if len(items) > 0 {
			d.Sections = append(d.Sections, Section{field, label, items})
		}
	}
	add("", "Post-mortem", plain(a, b, []value{
		{"title", "Title", func(p *hindsight.PostMortem) string { return p.Title }, true},
		{"status", "Status", func(p *hindsight.PostMortem) string { return words(string(p.Status)) }, false},
		{"severity", "Severity", func(p *hindsight.PostMortem) string { return p.Severity }, false},
		{"team", "Team", func(p *hindsight.PostMortem) string { return p.Team }, false},
		{"services", "Services", func(p *hindsight.PostMortem) string { return strings.Join(p.Services, ", ") }, true},
		{"tags", "Tags", func(p *hindsight.PostMortem) string { return strings.Join(p.Tags, ", ") }, true},
		{"access", "Who may see it", func(p *hindsight.PostMortem) string { return audience(p.Access) }, true},
	}))
	add("meeting", "Meeting", plain(a, b, []value{
		{"meeting.date", "Date", func(p *hindsight.PostMortem) string { return t(p.Meeting.Date) }, false},
		{"meeting.contact", "Contact", func(p *hindsight.PostMortem) string { return p.Meeting.Contact }, false},
		{"meeting.created_by", "Created by", func(p *hindsight.PostMortem) string { return p.Meeting.CreatedBy }, false},
		{"meeting.facilitated_by", "Facilitated by", func(p *hindsight.PostMortem) string { return p.Meeting.FacilitatedBy }, false},
	}))
	times := plain(a, b, []value{
		{"incident.started_at", "Start", func(p *hindsight.PostMortem) string { return t(p.Incident.StartedAt) }, false},
		{"incident.detected_at", "Detected", func(p *hindsight.PostMortem) string { return t(p.Incident.DetectedAt) }, false},
		{"incident.ended_at", "End", func(p *hindsight.PostMortem) string { return t(p.Incident.EndedAt) }, false},
	})
	times = append(times, additionalTimes(a.Incident.AdditionalTimes, b.Incident.AdditionalTimes, formatTime)...)
	add("incident", "Incident times", times)
	add("description", "Description", prose(a, b, "description", func(p *hindsight.PostMortem) string { return p.Description }))
	add("events", "What happened", events(a.Events, b.Events, t))
	add("additional_info", "Additional info", prose(a, b, "additional_info", func(p *hindsight.PostMortem) string { return p.AdditionalInfo }))
	add("remediation", "Remediation", prose(a, b, "remediation", func(p *hindsight.PostMortem) string { return p.Remediation }))
	add("bug_tickets", "Bug tickets", bugTickets(a.BugTickets, b.BugTickets))
	add("summary", "Short summary", prose(a, b, "summary", func(p *hindsight.PostMortem) string { return p.Summary }))
	add("whys", "5 whys", whys(a.Whys, b.Whys))
	add("root_cause", "Root cause", prose(a, b, "root_cause", func(p *hindsight.PostMortem) string { return p.RootCause }))
	add("countermeasures", "Countermeasures", countermeasures(a.Countermeasures, b.Countermeasures))
	add("stakeholders", "Stakeholders", stakeholders(a.Stakeholders, b.Stakeholders))
	add("other_sections", "Other sections", otherSections(a.OtherSections, b.OtherSections))
	return d
}

// value is one plain field: its path, label, text, and whether a change
// is shown word by word.
type value struct {
	field, label string
	text         func(*hindsight.PostMortem) string
	prose        bool
}

// plain is the changed fields of a group as one item.
func plain(a, b *hindsight.PostMortem, vs []value) []Item {
	var fields []Field
	for _, v := range vs {
		if f, ok := field(v.field, v.label, v.text(a), v.text(b), v.prose); ok {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return []Item{{Change: Changed, Fields: fields}}
}

// prose is one long text field as an item.
func prose(a, b *hindsight.PostMortem, name string, text func(*hindsight.PostMortem) string) []Item {
	return plain(a, b, []value{{name, "", text, true}})
}

// field compares one value; ok is false when it did not change.
func field(path, label, from, to string, prose bool) (Field, bool) {
	if from == to {
		return Field{}, false
	}
	f := Field{Field: path, Label: label, From: from, To: to}
	if prose {
		f.Words = Words(from, to)
	}
	return f, true
}

func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

func audience(a hindsight.Access) string {
	if !a.Restricted {
		return "everyone"
	}
	names := append(append([]string{}, a.Users...), a.Groups...)
	if len(names) == 0 {
		return "restricted to its author and admins"
	}
	return "restricted to " + strings.Join(names, ", ")
}
