package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hindsight"
)

// TestBrowserHistoryAndTrash goes through history and the trash in
// Chromium, signed in: edit twice with notes, compare the versions,
// restore the first, delete to the trash and restore from it.
func TestBrowserHistoryAndTrash(t *testing.T) {
	s := newSite(t)
	p := &hindsight.PostMortem{Title: "Queue backlog", Summary: "Consumers fell behind."}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.signIn(s, "ada@example.com", "Ada Admin", hindsight.Admin)
	view := s.url + "/postmortems/" + p.ID
	save := func(field, value, note string) {
		b.run(chromedp.Navigate(view+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#summary`)),
			chromedp.SetValue(chromedp.CSS(field), value), chromedp.SetValue(chromedp.CSS(`#change_note`), note),
			chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	}
	save(`#summary`, "Consumers fell behind after a partition rebalance.", "added the cause")
	save(`#title`, "Queue backlog during partition rebalance", "named the rebalance")

	b.run(chromedp.Click(chromedp.CSS(`a[href$="/history"]`)), chromedp.WaitVisible(chromedp.CSS(`form.history table`)))
	rows := b.text(`form.history tbody`)
	for _, want := range []string{"Version 3", "Version 2", "Version 1", "“named the rebalance”", "“added the cause”", "by Ada Admin"} {
		if !strings.Contains(rows, want) {
			t.Errorf("history lacks %q: %q", want, rows)
		}
	}
	b.run(chromedp.Click(chromedp.CSS(`#from-1`)), chromedp.Click(chromedp.CSS(`#to-3`)),
		chromedp.Click(chromedp.CSS(`form.history button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`section.compare`)))
	b.screenshot("compare")
	if got := b.text(`main h1`); got != "Version 1 and version 3" {
		t.Errorf("compare heading %q", got)
	}
	if ins := b.text(`section.compare ins`); !strings.Contains(ins, "during partition rebalance") {
		t.Errorf("the added words are not marked: %q", ins)
	}

	b.run(chromedp.Navigate(view+"/history"), chromedp.WaitVisible(chromedp.CSS(`form.history`)),
		chromedp.Click(chromedp.CSS(`a[href$="/versions/1"]`)), chromedp.WaitVisible(chromedp.CSS(`.old-version`)),
		chromedp.SendKeys(chromedp.CSS(`#restore-note`), "the first draft was right"),
		chromedp.Click(chromedp.CSS(`.restore-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if got := b.text(`.flash`); !strings.Contains(got, "Version 1 restored as version 4") {
		t.Errorf("after restoring: %q", got)
	}
	stored, err := s.svc.Get(s.ctx, p.ID)
	if err != nil || stored.Title != "Queue backlog" || stored.Summary != "Consumers fell behind." || stored.Version != 4 {
		t.Fatalf("restored: %+v %v", stored, err)
	}

	b.run(chromedp.Click(chromedp.CSS(`a[href$="/delete"]`)), chromedp.WaitVisible(chromedp.CSS(`form[action$="/delete"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/delete"] button`)), chromedp.WaitVisible(chromedp.CSS(`.trash-item`)))
	if got := b.text(`.trash-item`); !strings.Contains(got, "Queue backlog") || !strings.Contains(got, "Deleted for good") {
		t.Errorf("trash: %q", got)
	}
	if _, err := s.svc.Get(s.ctx, p.ID); err == nil {
		t.Fatal("the post-mortem is still there after deleting")
	}
	b.run(chromedp.Click(chromedp.CSS(`.trash-item form button`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	if got := b.text(`.pm-head h1`); got != "Queue backlog" {
		t.Errorf("after restoring from the trash: %q", got)
	}
	if back, err := s.svc.Get(s.ctx, p.ID); err != nil || back.Version != 4 {
		t.Fatalf("restored from the trash: %v", err)
	}
	if page, err := s.svc.Versions(s.ctx, p.ID, hindsight.RevisionFilter{}); err != nil || len(page.Items) != 4 {
		t.Fatalf("history after the trash: %v", err)
	}
	b.clean()
}
