package calendar_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"hindsight"
	"hindsight/internal/calendar"
	"hindsight/internal/sqlite"
)

func TestFeedParses(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	meeting := time.Date(2026, 3, 12, 14, 0, 0, 0, time.UTC)
	long := "Run index rebuilds on a standby cluster, then switch traffic; document it; check the ünïcode and a very long title that must be folded"
	p := &hindsight.PostMortem{Title: "Search; outage, with \\ specials", Meeting: hindsight.Meeting{Date: &meeting},
		Countermeasures: []hindsight.Countermeasure{
			{Title: long, Owner: "Mei Lin", Priority: hindsight.P1, Due: &hindsight.Date{Year: 2026, Month: 4, Day: 1}},
			{Title: "Done already", Owner: "Mei Lin", Status: hindsight.CMDone, Due: &hindsight.Date{Year: 2026, Month: 4, Day: 2}},
			{Title: "Jonas's task", Owner: "Jonas", Due: &hindsight.Date{Year: 2026, Month: 4, Day: 3}},
		}}
	if err := svc.Create(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	events, err := calendar.Events(t.Context(), svc, "", "https://hindsight.example.com")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := calendar.Write(&buf, "Hindsight", events); err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, more than 75", i+1, len(l))
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, buf.String())
	}
	got := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		got[e.GetProperty(ics.ComponentPropertySummary).Value] = e
	}
	if len(got) != 3 {
		t.Fatalf("events %v", got)
	}
	due := got["Due: P1 "+long+" (Mei Lin)"]
	if due == nil {
		t.Fatalf("the folded, escaped title did not come back: %v", got)
	}
	if start := due.GetProperty(ics.ComponentPropertyDtStart); start.Value != "20260401" || start.ICalParameters["VALUE"][0] != "DATE" {
		t.Errorf("target date %+v", start)
	}
	if u := due.GetProperty(ics.ComponentPropertyUrl).Value; u != "https://hindsight.example.com/postmortems/"+p.ID {
		t.Errorf("url %q", u)
	}
	m := got["Post-mortem: Search; outage, with \\ specials"]
	if m == nil {
		t.Fatalf("the meeting with escaped text did not come back: %v", got)
	}
	if at, err := m.GetStartAt(); err != nil || !at.Equal(meeting) {
		t.Errorf("meeting at %v %v", at, err)
	}
	mine, _ := calendar.Events(t.Context(), svc, "jonas", "")
	if len(mine) != 1 || !strings.Contains(mine[0].Summary, "Jonas's task") {
		t.Errorf("owner feed %+v", mine)
	}
}
