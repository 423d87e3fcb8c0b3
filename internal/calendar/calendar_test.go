package calendar_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
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
	if err := svc.Create(hindsight.CommandLine(t.Context()), p); err != nil {
		t.Fatal(err)
	}
	events, err := calendar.Events(hindsight.CommandLine(t.Context()), svc, "", "https://hindsight.example.com")
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
	mine, _ := calendar.Events(hindsight.CommandLine(t.Context()), svc, "jonas", "")
	if len(mine) != 1 || !strings.Contains(mine[0].Summary, "Jonas's task") {
		t.Errorf("owner feed %+v", mine)
	}
}

// TestFeedRevisits puts a published post-mortem's revisits on their days
// in the feed, and leaves a restricted one out for a reader outside it.
func TestFeedRevisits(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	svc.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
	cli := hindsight.CommandLine(t.Context())
	var ctxs []context.Context
	for _, email := range []string{"ed@example.com", "vi@example.com"} {
		u, err := svc.AddUser(cli, hindsight.NewUser{Email: email, Name: email, Role: hindsight.Editor})
		if err != nil {
			t.Fatal(err)
		}
		ctxs = append(ctxs, hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u}))
	}
	p := &hindsight.PostMortem{Title: "Payments down", Severity: "SEV3", Status: hindsight.StatusPublished}
	secret := &hindsight.PostMortem{Title: "Key leak", Severity: "SEV3", Status: hindsight.StatusPublished, Access: hindsight.Access{Restricted: true}}
	for _, x := range []*hindsight.PostMortem{p, secret} {
		if err := svc.Create(ctxs[0], x); err != nil {
			t.Fatal(err)
		}
	}
	events, err := calendar.Events(ctxs[1], svc, "", "https://h.example.com")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := calendar.Write(&buf, "Hindsight", events); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, buf.String())
	}
	if len(cal.Events()) != 1 {
		t.Fatalf("want the one revisit the reader may see (SEV3: 90 days), got:\n%s", buf.String())
	}
	e := cal.Events()[0]
	if got := e.GetProperty(ics.ComponentPropertySummary).Value; got != "Revisit: Payments down" {
		t.Errorf("summary %q", got)
	}
	if got := e.GetProperty(ics.ComponentPropertyDtStart).Value; got != "20260530" {
		t.Errorf("revisit on %s, want 90 days after publishing", got)
	}
	if got := e.GetProperty(ics.ComponentPropertyUrl).Value; got != "https://h.example.com/postmortems/"+p.ID+"/review#revisits" {
		t.Errorf("url %q", got)
	}
}

// TestPrivateFeed checks a user's private feed URL: it works without
// signing in, shows only what that user may see, and stops working once
// its token is revoked.
func TestPrivateFeed(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	cli := hindsight.CommandLine(t.Context())
	u, err := svc.AddUser(cli, hindsight.NewUser{Email: "mei@example.com", Name: "Mei Lin", Role: hindsight.Editor})
	if err != nil {
		t.Fatal(err)
	}
	due := &hindsight.Date{Year: 2026, Month: 4, Day: 1}
	for _, p := range []*hindsight.PostMortem{
		{Title: "Open outage", Countermeasures: []hindsight.Countermeasure{{Title: "Visible task", Owner: "Mei Lin", Due: due}}},
		{Title: "Security incident", Access: hindsight.Access{Restricted: true}, Countermeasures: []hindsight.Countermeasure{{Title: "Hidden task", Owner: "Mei Lin", Due: due}}},
	} {
		if err := svc.Create(cli, p); err != nil {
			t.Fatal(err)
		}
	}
	me := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u})
	tok, secret, err := svc.CreateToken(me, hindsight.NewToken{Purpose: hindsight.TokenFeed})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /calendar/{secret}", calendar.FeedHandler(svc, "https://h.example.com", func(*http.Request) string { return "192.0.2.1" }))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	get := func(secret string) (int, string) {
		res, err := http.Get(srv.URL + "/calendar/" + secret + ".ics")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	code, body := get(secret)
	if code != 200 || !strings.Contains(body, "Visible task") || strings.Contains(body, "Hidden task") || strings.Contains(body, "Security incident") {
		t.Fatalf("private feed: %d\n%s", code, body)
	}
	if code, _ := get("hst_wrong"); code != 401 {
		t.Fatalf("a wrong secret: %d", code)
	}
	if err := svc.RevokeToken(me, tok.ID); err != nil {
		t.Fatal(err)
	}
	if code, _ := get(secret); code != 401 {
		t.Fatalf("a revoked feed: %d", code)
	}
}
