package hindsight

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNormalize(t *testing.T) {
	t.Parallel()
	zone := time.FixedZone("CEST", 2*3600)
	start := time.Date(2026, 3, 10, 11, 42, 0, 0, zone)
	p := &PostMortem{
		Title:           "  Title  ",
		Tags:            []string{" payments ", "Payments", "", "checkout"},
		Incident:        Incident{StartedAt: &start},
		Countermeasures: []Countermeasure{{Title: " Add alert "}, {ID: "keep", Title: "x"}},
	}
	p.Normalize()
	if p.Title != "Title" {
		t.Errorf("title %q not trimmed", p.Title)
	}
	if p.Status != StatusDraft {
		t.Errorf("status %q, want draft", p.Status)
	}
	if want := []string{"payments", "checkout"}; !slices.Equal(p.Tags, want) {
		t.Errorf("tags %q, want %q", p.Tags, want)
	}
	if got := p.Incident.StartedAt; got.Location() != time.UTC || got.Hour() != 9 {
		t.Errorf("start %v not converted to UTC", got)
	}
	if p.Countermeasures[0].ID == "" || p.Countermeasures[1].ID != "keep" {
		t.Errorf("countermeasure ids %q %q: want a new one and the kept one", p.Countermeasures[0].ID, p.Countermeasures[1].ID)
	}
	if p.Countermeasures[0].Status != CMOpen || p.Countermeasures[0].Title != "Add alert" {
		t.Errorf("countermeasure not normalized: %+v", p.Countermeasures[0])
	}
	if p.Events == nil || p.Whys == nil || p.Stakeholders == nil || p.BugTickets == nil || p.OtherSections == nil {
		t.Error("empty lists must be non-nil so JSON shows [] not null")
	}
}

// TestNormalizeLineEnds: text areas arrive with CRLF from browsers; every
// text field is stored with LF only.
func TestNormalizeLineEnds(t *testing.T) {
	p := &PostMortem{Title: "T", Description: "a\r\nb\rc", Events: []Event{{Text: "one\r\ntwo", ReportedBy: "Ben\r"}},
		Countermeasures: []Countermeasure{{Title: "x\r\ny"}}, OtherSections: []Section{{Heading: "H", Body: "p\r\n\r\nq"}},
		Whys: []Why{{Question: "q", Answer: "a\r\nb"}}}
	p.Normalize()
	for name, got := range map[string]string{"description": p.Description, "event": p.Events[0].Text, "reporter": p.Events[0].ReportedBy,
		"countermeasure": p.Countermeasures[0].Title, "section": p.OtherSections[0].Body, "answer": p.Whys[0].Answer} {
		if strings.ContainsRune(got, '\r') {
			t.Errorf("%s keeps a CR: %q", name, got)
		}
	}
	if p.Description != "a\nb\nc" || p.OtherSections[0].Body != "p\n\nq" {
		t.Errorf("line ends: %q %q", p.Description, p.OtherSections[0].Body)
	}
}
