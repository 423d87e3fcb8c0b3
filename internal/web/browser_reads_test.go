package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
)

// TestBrowserReadReceipts has a reader in the payments group find a
// published post-mortem on their "to read" list and open it; the author
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
	u, err := s.svc.UserByEmail(hindsight.CommandLine(t.Context()), "rita@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.SetGroups(hindsight.CommandLine(t.Context()), u.ID, []string{"payments"}); err != nil {
		t.Fatal(err)
	}
	reader.run(chromedp.Navigate(s.url+"/reading"), chromedp.WaitVisible(chromedp.CSS(`.to-read`)))
	if got := reader.text(`.to-read`); !strings.Contains(got, "Card declines") {
		t.Errorf("to read: %q", got)
	}
	reader.run(chromedp.Click(chromedp.CSS(`.to-read a`)), chromedp.WaitVisible(chromedp.CSS(`.reads`)))

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
