package web_test

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
)

// writeSlackExport writes a Slack channel export as Slack makes it: a zip
// with users.json and the channel's per-day JSON files. The incident was
// worked on 10 March 2026; a follow-up two days later is outside it.
func writeSlackExport(t *testing.T, path string) {
	t.Helper()
	unix := func(s string) string {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return strconv.FormatInt(at.Unix(), 10) + ".000100"
	}
	files := map[string]any{
		"users.json": []map[string]any{
			{"id": "U01", "name": "ana", "real_name": "Ana Souza"},
			{"id": "U02", "name": "ben", "profile": map[string]string{"real_name": "Ben Okafor"}},
		},
		"channels.json": []map[string]any{{"id": "C01", "name": "incident-checkout"}},
		"incident-checkout/2026-03-10.json": []map[string]any{
			{"type": "message", "subtype": "channel_join", "user": "U01", "text": "<@U01> has joined the channel", "ts": unix("2026-03-10T08:30:00Z")},
			{"type": "message", "user": "U02", "text": "Deploying the pool size change", "ts": unix("2026-03-10T09:40:00Z")},
			{"type": "message", "user": "U01", "text": "Checkout error rate is up to 12% &amp; rising", "ts": unix("2026-03-10T09:42:30Z"), "pinned_to": []string{"C01"}},
			{"type": "message", "user": "U02", "text": "Looking at DB connections", "ts": unix("2026-03-10T09:50:00Z")},
			{"type": "message", "user": "U01", "text": "Pool size restored, thanks <@U02>", "ts": unix("2026-03-10T10:47:00Z"), "reactions": []map[string]any{{"name": "tada", "count": 2}}},
		},
		"incident-checkout/2026-03-12.json": []map[string]any{
			{"type": "message", "user": "U02", "text": "Post-mortem meeting booked", "ts": unix("2026-03-12T08:00:00Z")},
		},
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	for name, v := range files {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.NewEncoder(w).Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// clickToNewPage clicks what posts a form that answers with the same
// page, and waits until the answer has replaced the page.
func (b *browser) clickToNewPage(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SetAttributeValue(chromedp.CSS(`body`), "data-stale", "1"),
		chromedp.Click(chromedp.CSS(sel)),
		chromedp.WaitVisible(chromedp.CSS(`body:not([data-stale]) main`)),
	)
}

// chatPicked is the texts of the chosen messages on the chat page.
func chatPicked(b *browser) []string {
	return get(b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.chat-list input:checked'), i => i.closest("li").querySelector(".chat-text").textContent)`))
}

// TestBrowserChatImport imports a timeline as a reader in Berlin would:
// a Slack export becomes a new draft (the window around the pinned and
// reacted-to messages, those chosen, one more ticked), then chat text
// pasted on the post-mortem's page is added to its timeline. Stored times
// are the UTC instants, each event's perspective its author.
func TestBrowserChatImport(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	b.inZone("Europe/Berlin")
	export := filepath.Join(t.TempDir(), "incident-checkout Slack export.zip")
	writeSlackExport(t, export)

	b.run(chromedp.Navigate(s.url+"/import"), chromedp.WaitVisible(chromedp.CSS(`a[href="/import/chat"]`)))
	b.waitZone("Europe/Berlin")
	b.run(chromedp.Click(chromedp.CSS(`main a[href="/import/chat"]`)), chromedp.WaitVisible(chromedp.CSS(`#file`)))
	b.waitZone("Europe/Berlin")
	b.run(chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{export}),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.chat-list`)))
	// The window is the hour around the marked messages, in Berlin time.
	if from, to := b.value(`#from`), b.value(`#to`); from != "2026-03-10T09:42" || to != "2026-03-10T12:47" {
		t.Errorf("window %s – %s, want 2026-03-10T09:42 – 2026-03-10T12:47 (Berlin)", from, to)
	}
	shown := b.text(`.chat-list`)
	for _, want := range []string{"10:40", "Ben Okafor", "Deploying the pool size change", "Checkout error rate is up to 12% & rising", "Pool size restored, thanks @Ben Okafor", "pinned or reacted to"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the list lacks %q: %s", want, shown)
		}
	}
	if strings.Contains(shown, "has joined") || strings.Contains(shown, "meeting booked") {
		t.Errorf("the list shows housekeeping or messages outside the window: %s", shown)
	}
	if got := chatPicked(b); strings.Join(got, "|") != "Checkout error rate is up to 12% & rising|Pool size restored, thanks @Ben Okafor" {
		t.Errorf("pre-selected %q, want the pinned and the reacted-to message", got)
	}
	b.screenshot("chat-import")

	// A narrower window drops the last message; widened again it comes
	// back chosen, while the ticked deploy message stays ticked.
	b.run(chromedp.Click(chromedp.CSS(`.chat-list li:first-child input`)),
		chromedp.SetValue(chromedp.CSS(`#to`), "2026-03-10T11:00"),
		b.clickToNewPage(`button[value=list]`))
	if shown := b.text(`.chat-list`); strings.Contains(shown, "Pool size restored") {
		t.Errorf("a message after the window is listed: %s", shown)
	}
	b.run(chromedp.SetValue(chromedp.CSS(`#to`), "2026-03-10T12:00"),
		b.clickToNewPage(`button[value=list]`))
	if got := chatPicked(b); len(got) != 3 {
		t.Errorf("after widening the window, chosen: %q", got)
	}
	b.run(chromedp.SetValue(chromedp.CSS(`#title`), "Checkout payments timed out"),
		chromedp.Click(chromedp.CSS(`button[value=import]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	id := savedID(b, s)
	p, err := s.svc.Get(s.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	utc := func(h, m, sec int) time.Time { return time.Date(2026, 3, 10, h, m, sec, 0, time.UTC) }
	want := []struct {
		at       time.Time
		who, txt string
	}{
		{utc(9, 40, 0), "Ben Okafor", "Deploying the pool size change"},
		{utc(9, 42, 30), "Ana Souza", "Checkout error rate is up to 12% & rising"},
		{utc(10, 47, 0), "Ana Souza", "Pool size restored, thanks @Ben Okafor"},
	}
	check := func(p *hindsight.PostMortem, want []struct {
		at       time.Time
		who, txt string
	}) {
		t.Helper()
		if len(p.Events) != len(want) {
			t.Fatalf("%d events stored, want %d: %+v", len(p.Events), len(want), p.Events)
		}
		for i, w := range want {
			e := p.Events[i]
			if e.At == nil || !e.At.Equal(w.at) || e.At.Location() != time.UTC || e.ReportedBy != w.who || e.Text != w.txt {
				t.Errorf("event %d: %v %q %q, want %v %q %q", i, e.At, e.ReportedBy, e.Text, w.at, w.who, w.txt)
			}
		}
	}
	check(p, want)
	if p.Title != "Checkout payments timed out" || p.Status != hindsight.StatusDraft {
		t.Errorf("the new post-mortem: %q %s", p.Title, p.Status)
	}

	// Pasted chat, from the post-mortem's page, into its timeline: times
	// typed in Berlin on the day given.
	b.run(chromedp.Click(chromedp.CSS(`a[href="/import/chat?into=`+id+`"]`)), chromedp.WaitVisible(chromedp.CSS(`#text`)),
		chromedp.SetValue(chromedp.CSS(`#day`), "2026-03-10"),
		chromedp.SendKeys(chromedp.CSS(`#text`), "[11:05] Mei Lin: Status page updated\n[11:20] Ana Souza: Checkout healthy for 30 minutes\n"),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.chat-list`)))
	if got := chatPicked(b); len(got) != 2 {
		t.Errorf("with nothing pinned every message is chosen; chosen %q", got)
	}
	if got := get(b, chromedp.Evaluate[string](`document.querySelector("input[name=dest]:checked").value + " " + document.getElementById("into").value`)); got != "into "+id {
		t.Errorf("opened from the post-mortem, the destination is %q", got)
	}
	b.screenshot("chat-import-pasted")
	b.run(chromedp.Click(chromedp.CSS(`button[value=import]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	p, _ = s.svc.Get(s.ctx, id)
	check(p, append(want[:2:2], struct {
		at       time.Time
		who, txt string
	}{utc(10, 5, 0), "Mei Lin", "Status page updated"}, struct {
		at       time.Time
		who, txt string
	}{utc(10, 20, 0), "Ana Souza", "Checkout healthy for 30 minutes"}, want[2]))
	if p.Version != 2 {
		t.Errorf("adding the pasted chat made version %d, want 2", p.Version)
	}

	// Nothing chosen: the page says so and imports nothing.
	b.run(chromedp.Navigate(s.url+"/import/chat?into="+id), chromedp.WaitVisible(chromedp.CSS(`#text`)),
		chromedp.SendKeys(chromedp.CSS(`#text`), "[12:00] Ana Souza: done\n"),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.chat-list`)),
		b.clickToNewPage(`button[value=none]`),
		chromedp.Click(chromedp.CSS(`button[value=import]`)), chromedp.WaitVisible(chromedp.CSS(`#errors`)))
	if got := b.text(`#errors`); !strings.Contains(got, "choose at least one message") {
		t.Errorf("importing nothing says %q", got)
	}
	if p, _ := s.svc.Get(s.ctx, id); p.Version != 2 {
		t.Errorf("importing nothing changed the post-mortem to version %d", p.Version)
	}
	b.clean()
}
