package demo

import (
	"encoding/json"
	"testing"
	"time"

	"hindsight"
)

var now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func TestGeneratedPostMortemsAreValid(t *testing.T) {
	for i, p := range Generate(1, 3000, now) {
		p.Normalize()
		if err := p.Validate(hindsight.DefaultPolicy()); err != nil {
			t.Fatalf("post-mortem %d invalid: %v", i, err)
		}
		if p.Incident.StartedAt.After(now) || (p.Meeting.Date != nil && p.Meeting.Date.After(now)) {
			t.Fatalf("post-mortem %d is in the future", i)
		}
	}
}

func TestDeterministicAndRanged(t *testing.T) {
	a, _ := json.Marshal(Generate(7, 50, now))
	b, _ := json.Marshal(Generate(7, 50, now))
	c, _ := json.Marshal(append(GenerateRange(7, 0, 20, now), GenerateRange(7, 20, 30, now)...))
	if string(a) != string(b) || string(a) != string(c) {
		t.Fatal("the same seed must give the same post-mortems, in batches too")
	}
	d, _ := json.Marshal(Generate(8, 50, now))
	if string(a) == string(d) {
		t.Fatal("another seed gave the same post-mortems")
	}
}

// TestVariety checks the data exercises what lists, filters and KPIs need:
// every severity, missing times, overdue and verified countermeasures.
func TestVariety(t *testing.T) {
	sev, titles := map[string]int{}, map[string]bool{}
	var noDetect, noMeeting, overdue, verified, unowned int
	for _, p := range Generate(1, 2000, now) {
		sev[p.Severity]++
		titles[p.Title] = true
		if p.Incident.DetectedAt == nil {
			noDetect++
		}
		if p.Meeting.Date == nil {
			noMeeting++
		}
		for _, c := range p.Countermeasures {
			if c.Overdue(now) {
				overdue++
			}
			if len(c.Verifications) > 0 {
				verified++
			}
			if c.Owner == "" {
				unowned++
			}
		}
	}
	if len(sev) != 4 || sev["SEV4"] < sev["SEV1"] || len(titles) < 100 || noDetect == 0 || noMeeting == 0 || overdue == 0 || verified == 0 || unowned == 0 {
		t.Fatalf("not varied enough: severities %v, %d titles, %d without detect, %d without meeting, %d overdue, %d verified, %d unowned",
			sev, len(titles), noDetect, noMeeting, overdue, verified, unowned)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		GenerateRange(1, 0, 1000, now)
	}
}
