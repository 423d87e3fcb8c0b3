package storetest

import (
	"slices"
	"testing"

	"hindsight"
)

func testIncidentFacts(t *testing.T, open opener) {
	s := open(t, newClock().now)
	full := create(t, s, Full())
	create(t, s, Minimal("other", startedAt("2025-01-01T00:00:00Z"), func(p *hindsight.PostMortem) { p.Severity = "SEV4" }))
	facts, err := s.IncidentFacts(ctx(t), hindsight.FactsFilter{})
	if err != nil || len(facts) != 2 {
		t.Fatalf("IncidentFacts = %d facts, %v", len(facts), err)
	}
	var f hindsight.IncidentFacts
	for _, x := range facts {
		if x.ID == full.ID {
			f = x
		}
	}
	if f.Title != full.Title || f.Severity != "SEV2" || f.Status != hindsight.StatusInReview ||
		!f.StartedAt.Equal(*full.Incident.StartedAt) || !f.DetectedAt.Equal(*full.Incident.DetectedAt) ||
		!f.EndedAt.Equal(*full.Incident.EndedAt) || !f.MeetingDate.Equal(*full.Meeting.Date) || f.CreatedAt.IsZero() {
		t.Errorf("facts do not match the post-mortem: %+v", f)
	}
	want := make([]hindsight.CountermeasureFact, len(full.Countermeasures))
	for i, c := range full.Countermeasures {
		want[i] = c.Fact()
	}
	if !slices.EqualFunc(f.Countermeasures, want, sameFact) || f.Countermeasures[0].DoneAt == nil || f.Countermeasures[0].Due == nil {
		t.Errorf("facts countermeasures %+v, want %+v", f.Countermeasures, want)
	}
	for name, ff := range map[string]hindsight.FactsFilter{
		"severity": {Severity: "SEV4"},
		"tag":      {Tag: "CHECKOUT"},
		"range":    {From: at("2026-01-01T00:00:00Z"), To: at("2026-12-31T00:00:00Z")},
	} {
		got, err := s.IncidentFacts(ctx(t), ff)
		if err != nil || len(got) != 1 {
			t.Errorf("%s filter: %d facts, %v", name, len(got), err)
		}
	}
}

// sameFact compares countermeasure facts by value: times by instant, dates
// by day.
func sameFact(a, b hindsight.CountermeasureFact) bool {
	eqTime := (a.DoneAt == nil) == (b.DoneAt == nil) && (a.DoneAt == nil || a.DoneAt.Equal(*b.DoneAt))
	eqDate := (a.Due == nil) == (b.Due == nil) && (a.Due == nil || *a.Due == *b.Due)
	return a.Kind == b.Kind && a.Status == b.Status && eqTime && eqDate
}
