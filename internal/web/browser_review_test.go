package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
)

// TestBrowserReviewAndPublish walks two people through a review in
// Chromium: the author asks for a review and comments on a timeline event
// with an @mention, the reviewer replies and asks for changes — which
// keeps publishing refused, with the rule's reason — then approves; the
// author resolves the thread and publishes, edits the published
// post-mortem, sees what changed after publishing and announces it again.
func TestBrowserReviewAndPublish(t *testing.T) {
	s := newSite(t)
	at := time.Now().Add(-72 * time.Hour).UTC()
	p := &hindsight.PostMortem{Title: "Queue stalled after failover", Severity: "SEV2", Status: hindsight.StatusInReview,
		Summary: "The queue stalled.", Incident: hindsight.Incident{StartedAt: &at, EndedAt: &at},
		Events: []hindsight.Event{{At: &at, Text: "Failover to the standby started"}, {At: &at, Text: "Queue consumers reconnected"}}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	review := s.url + "/postmortems/" + p.ID + "/review"

	author := newBrowser(t)
	author.signInAs(s, "priya@example.com")
	author.run(chromedp.Navigate(s.url+"/postmortems/"+p.ID), chromedp.Click(chromedp.CSS(`a[href$="/review"]`)), chromedp.WaitVisible(chromedp.CSS(`.publish-refused`)))
	if got := author.text(`.publish-refused`); !strings.Contains(got, "SEV2 post-mortems need 1 approval from someone other than the author") {
		t.Errorf("the refusal does not explain the rule: %q", got)
	}
	reviewer := newBrowser(t)
	reviewer.signIn(s, "rex.reviewer@example.com", "Rex Reviewer", hindsight.Editor)

	// An unknown reviewer is refused by name, the typed text kept.
	author.run(chromedp.SendKeys(chromedp.CSS(`#reviewers`), "nobody@example.com"), chromedp.Submit(chromedp.CSS(`#reviewers`)), chromedp.WaitVisible(chromedp.CSS(`#reviewers-err`)))
	if got := author.text(`#reviewers-err`); !strings.Contains(got, "nobody@example.com") {
		t.Errorf("refused reviewer: %q", got)
	}
	author.run(chromedp.SetValue(chromedp.CSS(`#reviewers`), "rex.reviewer@example.com"), chromedp.Submit(chromedp.CSS(`#reviewers`)))
	author.flashed("Review requested")
	if got := author.text(`.verdicts`); !strings.Contains(got, "Rex Reviewer") || !strings.Contains(got, "not yet reviewed") {
		t.Errorf("reviewers: %q", got)
	}
	author.run(chromedp.SetValue(chromedp.CSS(`#anchor`), "events[1]"),
		chromedp.SendKeys(chromedp.CSS(`#comment-body`), "@rex.reviewer was this before or after the DNS change?"),
		chromedp.Submit(chromedp.CSS(`#comment-body`)), chromedp.WaitVisible(chromedp.CSS(`.thread`)))
	if got := author.text(`.thread`); !strings.Contains(got, "Timeline event 2") || !strings.Contains(got, "Queue consumers reconnected") {
		t.Errorf("the thread does not say which event: %q", got)
	}
	st, err := s.svc.Review(s.ctx, p.ID)
	if err != nil || len(st.Comments) != 1 || len(st.Comments[0].Mentions) != 1 {
		t.Fatalf("the @mention was not recorded: %+v %v", st.Comments, err)
	}

	// The reviewer replies and asks for changes.
	reviewer.run(chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS(`.thread`)),
		chromedp.SendKeys(chromedp.CSS(`.reply-form textarea`), "After; the timeline should say so."), chromedp.Submit(chromedp.CSS(`.reply-form textarea`)),
		chromedp.WaitVisible(chromedp.CSS(`.reply`)))
	reviewer.run(chromedp.Click(chromedp.CSS(`input[value=changes_requested]`)), chromedp.SendKeys(chromedp.CSS(`#verdict-note`), "Add the DNS change to the timeline."),
		chromedp.Submit(chromedp.CSS(`#verdict-note`)))
	reviewer.flashed("Your review is recorded")
	author.run(chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS(`.publish-refused`)))
	if got := author.text(`.publish-refused`); !strings.Contains(got, "Rex Reviewer asked for changes") {
		t.Errorf("refusal after changes requested: %q", got)
	}
	if got := author.text(`.reply`); !strings.Contains(got, "After; the timeline should say so.") || !strings.Contains(got, "Rex Reviewer") {
		t.Errorf("reply: %q", got)
	}
	author.run(chromedp.Click(chromedp.CSS(`form[action$="/review/resolve"] button`)), chromedp.WaitVisible(chromedp.CSS(`.thread.resolved`)))
	if got := author.text(`#h-comments`); !strings.Contains(got, "0 open") {
		t.Errorf("after resolving: %q", got)
	}

	// The reviewer approves; the author publishes.
	reviewer.run(chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS(`input[value=approved]`)), chromedp.Click(chromedp.CSS(`input[value=approved]`)),
		chromedp.Submit(chromedp.CSS(`#verdict-note`)))
	reviewer.flashed("Your review is recorded")
	author.run(chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS(`form[action$="/review/publish"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/review/publish"] button`)))
	author.flashed("Published")
	if got := author.text(`#publishing`); !strings.Contains(got, "Published") || !strings.Contains(got, "Nothing changed since it was announced") {
		t.Errorf("after publishing: %q", got)
	}

	// Edited after publishing: it stays published, says what changed and
	// can be announced again.
	cur, err := s.svc.Get(s.ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur.Summary = "The queue stalled for 40 minutes after the failover."
	if err := s.svc.Update(s.ctx, cur); err != nil {
		t.Fatal(err)
	}
	author.run(chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS(`.changed-after`)))
	if got := author.text(`.changed-after`); !strings.Contains(got, "Changed after publishing") || !strings.Contains(got, "summary") {
		t.Errorf("changed after publishing: %q", got)
	}
	author.screenshot("review")
	author.run(chromedp.SendKeys(chromedp.CSS(`#reannounce-note`), "Duration added"), chromedp.Submit(chromedp.CSS(`#reannounce-note`)))
	author.flashed("Announced again")
	if got := author.text(`#publishing`); !strings.Contains(got, "Nothing changed since it was announced") {
		t.Errorf("after announcing again: %q", got)
	}
	if got, _ := s.svc.Get(s.ctx, p.ID); got.Status != hindsight.StatusPublished {
		t.Errorf("status after editing: %s", got.Status)
	}
	author.clean()
	reviewer.clean()
}

// flashed waits until the page says text in its flash message: the
// answer to the form just sent, not the one before. A page being replaced
// while it asks is asked again.
func (b *browser) flashed(text string) {
	b.t.Helper()
	js := `(document.querySelector(".flash")?.textContent || "").includes(` + strconv.Quote(text) + `)`
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
	}
	b.t.Fatalf("the page never said %q", text)
}
