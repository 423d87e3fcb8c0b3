package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// getWithZone reads a page as a browser whose "tz" cookie holds value.
func (s *site) getWithZone(path, value string) string {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.url+path, nil)
	req.AddCookie(&http.Cookie{Name: "tz", Value: value})
	res, err := s.browser.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// TestZoneCookieEncodedOrNot reads the reader's zone from the cookie as
// the script stores it now (plain) and as earlier scripts stored it
// (URL-encoded); a name that is no zone falls back to UTC.
func TestZoneCookieEncodedOrNot(t *testing.T) {
	s := newSite(t)
	start := time.Date(2026, 1, 20, 8, 42, 0, 0, time.UTC)
	p := &hindsight.PostMortem{Title: "Zone", Incident: hindsight.Incident{StartedAt: &start}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	for cookie, want := range map[string]string{"Europe/Berlin": "2026-01-20 09:42 CET", "Europe%2FBerlin": "2026-01-20 09:42 CET", "Mars/Olympus": "2026-01-20 08:42 UTC", "../../etc/passwd": "2026-01-20 08:42 UTC"} {
		if body := s.getWithZone("/postmortems/"+p.ID, cookie); !strings.Contains(body, want) {
			t.Errorf("tz=%s: the view lacks %q", cookie, want)
		}
	}
}

// TestZonePage pins a zone and goes back to following the browser; a name
// that is no zone is refused with a message naming it.
func TestZonePage(t *testing.T) {
	s := newSite(t)
	code, _ := s.get("/zone?back=/countermeasures")
	if code != 200 {
		t.Fatalf("zone page: %d", code)
	}
	code, loc, body := s.post("/zone", map[string][]string{"zone": {"Asia/Tokyo"}, "back": {"/countermeasures"}})
	if code != http.StatusSeeOther || loc != "/countermeasures" {
		t.Fatalf("pin: %d %q %s", code, loc, body)
	}
	code, loc, _ = s.post("/zone", map[string][]string{"zone": {"Asia/Tokyo"}, "back": {"https://evil.example/"}})
	if code != http.StatusSeeOther || loc != "/" {
		t.Errorf("a foreign back link was followed: %d %q", code, loc)
	}
	code, _, body = s.post("/zone", map[string][]string{"zone": {"Nowhere/Atall"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Nowhere/Atall") || !strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("a bad zone: %d", code)
	}
}

// TestTimelineChronologicalAndMarkdown stores events typed out of order
// and shows them by time, with multi-line Markdown text rendered.
func TestTimelineChronologicalAndMarkdown(t *testing.T) {
	s := newSite(t)
	at := func(h, m int) *time.Time { v := time.Date(2026, 3, 10, h, m, 0, 0, time.UTC); return &v }
	p := &hindsight.PostMortem{Title: "Order", Events: []hindsight.Event{
		{At: at(10, 58), Text: "Alert fires"},
		{Text: "Nobody acknowledges it"},
		{At: at(10, 40), Text: "Checkout is **degraded**\nsecond line"},
	}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	stored, _ := s.svc.Get(s.ctx, p.ID)
	var texts []string
	for _, e := range stored.Events {
		texts = append(texts, strings.SplitN(e.Text, "\n", 2)[0])
	}
	if got := strings.Join(texts, " | "); got != "Checkout is **degraded** | Alert fires | Nobody acknowledges it" {
		t.Errorf("stored order: %s", got)
	}
	_, body := s.get("/postmortems/" + p.ID)
	i, j := strings.Index(body, "<strong>degraded</strong>"), strings.Index(body, "Alert fires")
	if i < 0 || j < 0 || i > j {
		t.Errorf("the view does not show the events by time with Markdown rendered (degraded at %d, alert at %d)", i, j)
	}
	if !strings.Contains(body, "<strong>degraded</strong><br>") {
		t.Errorf("the event's second line is not kept")
	}
}
