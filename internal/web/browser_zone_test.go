package web_test

import (
	"hindsight"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// inZone makes the browser's clock and Intl report zone, as a reader's
// machine set to that zone would.
func (b *browser) inZone(zone string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone}); err != nil {
		b.t.Fatalf("set the browser's zone: %v", err)
	}
}

// waitZone waits until the page is drawn in zone (the script draws a
// first visit again in the browser's zone).
func (b *browser) waitZone(zone string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(`html[data-zone="` + zone + `"] body`)))
}

// TestBrowserTimesInReadersZone writes times in Berlin and reads them back
// across several page loads: what is stored is the UTC instant of what was
// typed, and every page shows it again as typed, in winter and in summer.
func TestBrowserTimesInReadersZone(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	b.inZone("Europe/Berlin")
	b.run(chromedp.Navigate(s.url + "/postmortems/new"))
	b.waitZone("Europe/Berlin")
	b.run(
		chromedp.SendKeys(chromedp.CSS(`#title`), "Times typed in Berlin"),
		chromedp.SetValue(chromedp.CSS(byID("incident.started_at_day")), "2026-01-20"),
		chromedp.SendKeys(chromedp.CSS(byID("incident.started_at_time")), "09:42"),
		chromedp.SetValue(chromedp.CSS(byID("events.0.at_day")), "2026-07-01"),
		chromedp.SendKeys(chromedp.CSS(byID("events.0.at_time")), "0942"),
		chromedp.SendKeys(chromedp.CSS(byID("events.0.text")), "A summer event"),
		chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)),
	)
	id := strings.TrimSuffix(strings.TrimPrefix(get(b, chromedp.Location()), s.url+"/postmortems/"), "?saved=1")
	check := func(round int) {
		t.Helper()
		p, err := s.svc.Get(s.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 1, 20, 8, 42, 0, 0, time.UTC); p.Incident.StartedAt == nil || !p.Incident.StartedAt.Equal(want) {
			t.Errorf("round %d: start stored as %v, want %v (09:42 CET)", round, p.Incident.StartedAt, want)
		}
		if want := time.Date(2026, 7, 1, 7, 42, 0, 0, time.UTC); len(p.Events) != 1 || p.Events[0].At == nil || !p.Events[0].At.Equal(want) {
			t.Errorf("round %d: event stored as %+v, want %v (09:42 CEST)", round, p.Events, want)
		}
	}
	check(0)
	for round := 1; round <= 3; round++ {
		b.run(chromedp.Navigate(s.url + "/postmortems/" + id))
		b.waitZone("Europe/Berlin")
		if got := b.text(`#h-times + .zone-note`); !strings.Contains(got, "Europe/Berlin") {
			t.Errorf("round %d: the view does not say which zone its times are in: %q", round, got)
		}
		if got := b.text(`[aria-labelledby="h-times"] .kv`); !strings.Contains(got, "2026-01-20 09:42 CET") {
			t.Errorf("round %d: view shows the start as %q", round, got)
		}
		if got := b.text(`.timeline time`); got != "09:42" {
			t.Errorf("round %d: view shows the event at %q", round, got)
		}
		if got := b.text(`footer`); !strings.Contains(got, "Europe/Berlin") {
			t.Errorf("round %d: the footer names %q", round, got)
		}
		// Open the form and save it untouched: nothing may move.
		b.run(chromedp.Navigate(s.url+"/postmortems/"+id+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#title`)))
		b.waitZone("Europe/Berlin")
		if got := b.value(byID("incident.started_at_day")) + "T" + b.value(byID("incident.started_at_time")); got != "2026-01-20T09:42" {
			t.Errorf("round %d: the form shows the start as %q", round, got)
		}
		b.run(chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
		check(round)
	}

	// A reader who pins another zone sees the same instants there.
	b.run(chromedp.Navigate(s.url+"/postmortems/"+id), chromedp.Click(chromedp.CSS(`footer a[href^="/zone"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#zone`)), chromedp.SetValue(chromedp.CSS(`#zone`), "America/New_York"),
		chromedp.Click(chromedp.CSS(`form button.primary`)))
	b.waitZone("America/New_York")
	if got := b.text(`[aria-labelledby="h-times"] .kv`); !strings.Contains(got, "2026-01-20 03:42 EST") {
		t.Errorf("pinned New York: view shows the start as %q", got)
	}
	b.run(chromedp.Navigate(s.url + "/"))
	b.waitZone("America/New_York")
	check(4)
	b.clean()
}
