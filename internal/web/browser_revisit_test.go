package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
)

// TestBrowserRevisit comes back to a post-mortem published 91 days ago
// in Chromium: the home page lists its revisit as due and the incident of
// a year ago on this day; the author records the revisit's checklist,
// which the post-mortem then shows, and it is no longer due.
func TestBrowserRevisit(t *testing.T) {
	s := newSite(t)
	// Published 91 days ago (sessions keep the real clock).
	s.svc.Now = func() time.Time { return time.Now().Add(-91 * 24 * time.Hour) }
	p := &hindsight.PostMortem{Title: "Search index rebuild stalled", Severity: "SEV3", Status: hindsight.StatusPublished}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	s.svc.Now = time.Now
	yearAgo := time.Now().UTC().AddDate(-1, 0, 0)
	old := &hindsight.PostMortem{Title: "Checkout outage of last year", Severity: "SEV2", Incident: hindsight.Incident{StartedAt: &yearAgo}}
	if err := s.svc.Create(s.ctx, old); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.signInAs(s, "priya@example.com")
	b.run(chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS(`.revisits-due`)))
	if got := b.text(`.revisits-due`); !strings.Contains(got, "Search index rebuild stalled") || !strings.Contains(got, "revisit 1, due") {
		t.Errorf("revisits due on the home page: %q", got)
	}
	if got := b.text(`.on-this-day`); !strings.Contains(got, "Checkout outage of last year") || !strings.Contains(got, yearAgo.Format("2006")) {
		t.Errorf("on this day: %q", got)
	}
	b.run(chromedp.Click(chromedp.CSS(`.revisits-due a`)), chromedp.WaitVisible(chromedp.CSS(`.revisit-due`)))
	b.run(chromedp.Click(chromedp.CSS(`input[name=countermeasures_done][value=partly]`)), chromedp.Click(chromedp.CSS(`input[name=still_effective][value=yes]`)),
		chromedp.Click(chromedp.CSS(`input[name=recurred][value=no]`)), chromedp.SendKeys(chromedp.CSS(`#learned`), "Rebuilds now run on a standby first."),
		chromedp.Submit(chromedp.CSS(`#learned`)))
	b.flashed("Revisit recorded")
	if got := b.text(`#revisits`); !strings.Contains(got, "revisited by Priya Raman") || !strings.Contains(got, "countermeasures done: partly") ||
		!strings.Contains(got, "Rebuilds now run on a standby first.") {
		t.Errorf("the recorded revisit: %q", got)
	}
	for _, path := range []string{"/countermeasures", "/"} {
		b.run(chromedp.Navigate(s.url+path), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		if n := get(b, chromedp.Evaluate[int](`document.querySelectorAll('.revisits-due').length`)); n != 0 {
			t.Errorf("%s still lists the revisit as due", path)
		}
	}
	b.clean()
}
