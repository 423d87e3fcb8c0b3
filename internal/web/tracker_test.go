package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hindsight"
)

func TestTrackerPage(t *testing.T) {
	s := newSite(t)
	old := time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC)
	p := &hindsight.PostMortem{Title: "Queue outage", Severity: "SEV2", Countermeasures: []hindsight.Countermeasure{
		{Title: "Late alert work", Owner: "Priya", Priority: hindsight.P1, Due: &hindsight.Date{Year: 2020, Month: 1, Day: 1}},
		{Title: "Nobody owns this", Priority: hindsight.P3, Due: &hindsight.Date{Year: 2099, Month: 1, Day: 1}},
		{Title: "Done long ago", Owner: "Jonas", Status: hindsight.CMDone, DoneAt: &old},
	}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	_, body := s.get("/countermeasures")
	mustContain(t, body, "Late alert work", `<tr class="overdue">`, `<strong class="late">unowned</strong>`, "never verified", "Queue outage")
	_, body = s.get("/countermeasures?owner=priya")
	if strings.Contains(body, "Nobody owns this") || !strings.Contains(body, "Late alert work") {
		t.Error("owner filter")
	}
	if code, _ := s.get("/countermeasures?sort=owner"); code != http.StatusBadRequest {
		t.Errorf("a bad sort: %d", code)
	}

	change := url.Values{"postmortem": {p.ID}, "countermeasure": {p.Countermeasures[0].ID}, "version": {"1"}, "status": {"done"}, "back": {"/countermeasures?overdue=true"}}
	code, loc, _ := s.post("/countermeasures/status", change)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/countermeasures?") || !strings.Contains(loc, "overdue=true") || !strings.Contains(loc, "Status+changed") {
		t.Fatalf("status change: %d %q", code, loc)
	}
	got, _ := s.svc.Get(s.ctx, p.ID)
	if got.Countermeasures[0].Status != hindsight.CMDone || got.Version != 2 {
		t.Fatalf("not changed: %+v", got.Countermeasures[0])
	}
	// The same form again, from a list loaded before the change.
	change.Set("status", "open")
	_, loc, _ = s.post("/countermeasures/status", change)
	if !strings.Contains(loc, "someone+else+changed") {
		t.Fatalf("a stale change: %q", loc)
	}
	if got, _ := s.svc.Get(s.ctx, p.ID); got.Countermeasures[0].Status != hindsight.CMDone {
		t.Fatal("a stale change was applied")
	}
	_, body = s.get(loc)
	mustContain(t, body, "someone else changed this post-mortem")

	verify := url.Values{"postmortem": {p.ID}, "countermeasure": {p.Countermeasures[2].ID}, "version": {"2"}, "note": {"Game day"}}
	if _, loc, _ := s.post("/countermeasures/verify", verify); !strings.Contains(loc, "still+taking+effect") {
		t.Fatalf("verify: %q", loc)
	}
	_, body = s.get("/countermeasures")
	mustContain(t, body, "Priya Raman verified it still takes effect: Game day")
	// A redirect target from the form stays on this site.
	change.Set("version", "3")
	change.Set("back", "https://evil.example/countermeasures")
	if _, loc, _ := s.post("/countermeasures/status", change); strings.Contains(loc, "evil") {
		t.Fatalf("open redirect: %q", loc)
	}
}

func TestInsightsPage(t *testing.T) {
	s := newSite(t)
	at := func(v string) *time.Time { x, _ := time.Parse(time.RFC3339, v); return &x }
	for _, p := range []*hindsight.PostMortem{
		{Title: "a", Severity: "SEV1", Incident: hindsight.Incident{StartedAt: at("2026-01-10T10:00:00Z"), DetectedAt: at("2026-01-10T10:10:00Z"), EndedAt: at("2026-01-10T11:00:00Z")}},
		{Title: "b", Severity: "SEV2", Incident: hindsight.Incident{StartedAt: at("2026-02-10T10:00:00Z"), EndedAt: at("2026-02-10T10:30:00Z")}},
	} {
		if err := s.svc.Create(s.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	_, body := s.get("/insights")
	mustContain(t, body, "over 1 of 2 incidents", "median time to resolve (MTTR)", "45 min", `<svg class="chart"`, `aria-labelledby="chart-durations-title chart-durations-desc"`, "What the figures mean", "Time to resolve (MTTR)", "Post-mortems held late", `href="/postmortems/`)
	_, filtered := s.get("/insights?severity=SEV1&from=2026-01-01")
	mustContain(t, filtered, `href="/api/v1/insights.csv?chart=severity&amp;from=2026-01-01&amp;severity=SEV1"`)
	if code, _ := s.get("/insights?from=soon"); code != http.StatusBadRequest {
		t.Errorf("bad from: %d", code)
	}
}
