package hindsight

import (
	"slices"
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
