package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
)

// TestBrowserReadReceipts has a reader choose the payments team on their
// account page, find a published post-mortem of that team on their "to
// read" list and open it; the author
// then sees it read by one of its two stakeholders, and by whom, and the
// list no longer offers it.
func TestBrowserReadReceipts(t *testing.T) {
	s := newSite(t)
	at := time.Now().Add(-72 * time.Hour).UTC()
	p := &hindsight.PostMortem{Title: "Card declines after the fraud rule change", Severity: "SEV3", Status: hindsight.StatusPublished, Team: "Payments",
		Incident:     hindsight.Incident{StartedAt: &at, EndedAt: &at},
		Stakeholders: []hindsight.Stakeholder{{Name: "Rita Reader", Email: "rita@example.com"}, {Name: "Sam Support", Email: "sam@example.com"}}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	reader := newBrowser(t)
	reader.signIn(s, "rita@example.com", "Rita Reader", hindsight.Viewer)
	// Following nothing yet, the list says where to choose; the reader
	// ticks the team on their account page and types a service.
	reader.run(chromedp.Navigate(s.url+"/reading"), chromedp.WaitVisible(chromedp.CSS(`main`)))
	if got := reader.text(`main`); !strings.Contains(got, "You follow no team or service yet") {
		t.Errorf("to read, following nothing: %q", got)
	}
	reader.run(chromedp.Click(chromedp.CSS(`main a[href="/account#h-following"]`)), chromedp.WaitVisible(chromedp.CSS(`#h-following`)),
		chromedp.Click(chromedp.CSS(`input[name=team][value=Payments]`)), chromedp.SendKeys(chromedp.CSS(`#other-services`), "fraud-rules, ledger"),
		chromedp.Click(chromedp.CSS(`form[action="/account/following"] button`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	u, err := s.svc.UserByEmail(hindsight.CommandLine(t.Context()), "rita@example.com")
	if err != nil || strings.Join(u.Teams, ",") != "Payments" || strings.Join(u.Services, ",") != "fraud-rules,ledger" {
		t.Fatalf("followed %+v %v", u, err)
	}
	reader.run(chromedp.Navigate(s.url+"/reading"), chromedp.WaitVisible(chromedp.CSS(`.to-read`)))
	if got := reader.text(`.to-read`); !strings.Contains(got, "Card declines") || !strings.Contains(got, "For your team Payments") {
		t.Errorf("to read: %q", got)
	}
	if got := reader.text(`main`); !strings.Contains(got, "Yours: teams Payments; services fraud-rules, ledger.") {
		t.Errorf("to read says %q", got)
	}
	reader.run(chromedp.Click(chromedp.CSS(`.to-read a`)), chromedp.WaitVisible(chromedp.CSS(`.reads`)))
	// The reading is recorded off the request path: the author's own
	// view, recorded the same way, must come after it to be told apart.
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		r, err := s.svc.ReadReceipts(hindsight.CommandLine(t.Context()), p.ID, p.Stakeholders)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total == 1 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the reader's reading was not recorded: %+v", r)
		}
	}

	author := newBrowser(t)
	author.signInAs(s, "priya@example.com")
	want := "Read by 1 of 2 stakeholders, 1 person in total."
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		author.run(chromedp.Navigate(s.url+"/postmortems/"+p.ID), chromedp.WaitVisible(chromedp.CSS(`.reads`)))
		got := author.text(`.reads`)
		if strings.Contains(got, want) {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the page says %q, want %q", got, want)
		}
	}
	author.run(chromedp.Click(chromedp.CSS(`.reads a`)), chromedp.WaitVisible(chromedp.CSS(`#reads`)))
	if got := author.text(`#reads`); !strings.Contains(got, "Rita Reader") || !strings.Contains(got, "Sam Support <sam@example.com>") {
		t.Errorf("readers for the author: %q", got)
	}
	reader.run(chromedp.Navigate(s.url+"/reading"), chromedp.WaitVisible(chromedp.CSS(`.empty-reading`)))
	author.clean()
	reader.clean()
}
