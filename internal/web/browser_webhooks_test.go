package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
	"hindsight/internal/announce"
	"hindsight/internal/webhook"
)

// logDeliveries adds a webhook and a failed and a successful delivery of
// p to its log, as the queue records them, and returns the webhook.
func logDeliveries(t *testing.T, s *site, p *hindsight.PostMortem) *hindsight.Webhook {
	t.Helper()
	hk := hindsight.Housekeeping(t.Context())
	w := &hindsight.Webhook{Name: "#incidents", Format: hindsight.FormatSlack, URL: "https://hooks.slack.com/services/T0/B0/x", Events: []hindsight.AnnouncementKind{hindsight.AnnouncePublished}}
	if err := s.svc.SaveWebhook(hindsight.CommandLine(t.Context()), w); err != nil {
		t.Fatal(err)
	}
	for i, status := range []int{503, 200} {
		d := hindsight.Delivery{EventID: "e1." + w.ID, WebhookID: w.ID, WebhookName: w.Name, URL: w.URL, Kind: hindsight.AnnouncePublished, PostMortemID: p.ID,
			Attempt: i + 1, At: time.Now(), DurationMillis: int64(120 * (i + 1)), Status: status, OK: status == 200, Response: http.StatusText(status), Body: `{"text":"x"}`}
		if err := s.svc.RecordDelivery(hk, d); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// signedReceiver is a real HTTP endpoint that refuses deliveries whose
// signature does not verify, answers 500 to the first good one and keeps
// the event ids of the rest.
type signedReceiver struct {
	*httptest.Server
	mu     sync.Mutex
	secret string
	calls  int
	ids    []string
}

func newSignedReceiver(t *testing.T) *signedReceiver {
	rc := &signedReceiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if err := webhook.Verify(rc.secret, r.Header.Get(webhook.SignatureHeader), body, time.Now(), 5*time.Minute); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		if rc.calls++; rc.calls == 1 {
			http.Error(w, "warming up", http.StatusInternalServerError)
			return
		}
		rc.ids = append(rc.ids, r.Header.Get(webhook.DeliveryHeader))
		w.Write([]byte("thanks"))
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *signedReceiver) received() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.ids...)
}

// TestBrowserWebhooks has an admin add a webhook in Chromium, publishes a
// post-mortem and follows its delivery in the log — a 500, then a retry
// that succeeds — redelivers it with the button (same event id) and
// removes the webhook. Editors are refused the pages.
func TestBrowserWebhooks(t *testing.T) {
	s := newSite(t)
	allow, _ := webhook.ParseAllow("127.0.0.1")
	s.startQueue(announce.Options{Guard: webhook.Guard{Allow: allow}, Timeout: 2 * time.Second,
		Backoff: func(int) time.Duration { return 100 * time.Millisecond }, MaxAttempts: 3})
	rc := newSignedReceiver(t)
	b := newBrowser(t)
	b.signIn(s, "ada@example.com", "Ada Admin", hindsight.Admin)
	b.run(chromedp.Navigate(s.url+"/admin/webhooks"), chromedp.WaitVisible(chromedp.CSS(`#wh-name`)),
		chromedp.SendKeys(chromedp.CSS(`#wh-name`), "Ops receiver"), chromedp.SendKeys(chromedp.CSS(`#wh-url`), rc.URL+"/hook"),
		chromedp.SetValue(chromedp.CSS(`#wh-format`), "json"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/webhooks"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if text := b.text(`main table`); !strings.Contains(text, "Ops receiver") || !strings.Contains(text, rc.URL+"/hook") || !strings.Contains(text, "published") {
		t.Fatalf("the webhooks table shows %q", text)
	}
	hooks, err := s.svc.Webhooks(hindsight.CommandLine(t.Context()))
	if err != nil || len(hooks) != 1 || hooks[0].Format != hindsight.FormatJSON || len(hooks[0].Events) != 1 {
		t.Fatalf("saved %+v %v", hooks, err)
	}
	rc.mu.Lock()
	rc.secret = hooks[0].Secret
	rc.mu.Unlock()
	b.screenshot("webhooks")

	p := &hindsight.PostMortem{Title: "Queue backlog", Severity: "SEV3", Status: hindsight.StatusPublished}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the retried delivery", func() bool { return len(rc.received()) == 1 })
	b.run(chromedp.Navigate(s.url+"/admin/webhooks/deliveries"), chromedp.WaitVisible(chromedp.CSS(`table.deliveries tbody tr`)))
	rows := get(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll('table.deliveries tbody tr')].map(r => r.innerText.replace(/\s+/g, ' '))`))
	if len(rows) != 2 || !strings.Contains(rows[0], "200 delivered") || !strings.Contains(rows[0], "thanks") || !strings.Contains(rows[1], "500 failed") ||
		!strings.Contains(rows[1], "warming up") || !strings.Contains(rows[0], " ms") {
		t.Fatalf("the log shows %q", rows)
	}
	b.screenshot("deliveries")
	b.run(chromedp.Click(chromedp.CSS(`table.deliveries tbody tr:first-child form button`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	waitUntil(t, "the redelivery", func() bool { return len(rc.received()) == 2 })
	if ids := rc.received(); ids[0] != ids[1] || ids[0] == "" {
		t.Fatalf("the redelivery came with event id %q, the delivery with %q", ids[1], ids[0])
	}

	// An editor is refused the pages and the buttons.
	for _, path := range []string{"/admin/webhooks", "/admin/webhooks/deliveries"} {
		res, err := s.browser.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("an editor opening %s: %d", path, res.StatusCode)
		}
	}
	res, err := s.browser.PostForm(s.url+"/admin/webhooks/"+hooks[0].ID+"/delete", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("an editor removing a webhook: %d", res.StatusCode)
	}

	b.run(chromedp.Navigate(s.url+"/admin/webhooks"), chromedp.WaitVisible(chromedp.CSS(`main table`)),
		chromedp.Click(chromedp.CSS(`form[action$="/delete"] button`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if text := b.text(`main table`); !strings.Contains(text, "No webhooks yet") {
		t.Errorf("after removing: %q", text)
	}
	b.clean()
}

// startQueue opens and starts the site's announcement queue, as serve
// does, with quick polls and no scheduled scans; it stops when the test
// ends.
func (s *site) startQueue(o announce.Options) {
	s.t.Helper()
	o.BaseURL, o.Poll, o.ScanEvery = s.url, 50*time.Millisecond, -1
	o.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	q, err := announce.Open(s.t.Context(), s.svc, s.store, false, o)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
}

// waitUntil polls cond until it holds or 20 seconds pass.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWebhookAllowSetting saves the internal networks webhooks may reach
// on the webhooks page, refuses a name with the field named, and keeps
// editors out.
func TestWebhookAllowSetting(t *testing.T) {
	s := newSite(t)
	admin, adminCtx := s.signIn("ada@example.com", "Ada Admin", hindsight.Admin)
	post := func(c *http.Client, networks string) (int, string) {
		res, err := c.PostForm(s.url+"/admin/webhooks/allow", url.Values{"networks": {networks}})
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if status, _ := post(admin, "10.20.0.0/16, 192.168.1.5"); status != http.StatusSeeOther {
		t.Fatalf("saving networks: %d", status)
	}
	if v, err := s.svc.WebhookAllow(adminCtx); err != nil || v != "10.20.0.0/16, 192.168.1.5/32" {
		t.Fatalf("saved %q %v", v, err)
	}
	status, body := post(admin, "10.0.0.0/8, intranet")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="wh-allow-error"`) || !strings.Contains(body, "intranet") ||
		!strings.Contains(body, `value="10.0.0.0/8, intranet"`) {
		t.Fatalf("a name as a network: %d\n%s", status, body)
	}
	if v, _ := s.svc.WebhookAllow(adminCtx); v != "10.20.0.0/16, 192.168.1.5/32" {
		t.Fatalf("a refused change was saved: %q", v)
	}
	if status, _ := post(s.browser, "0.0.0.0/0"); status != http.StatusForbidden {
		t.Fatalf("an editor allowing every network: %d", status)
	}
}

// TestWebhookChangeForms changes, pauses, resumes and rotates the secret
// of a webhook with the webhooks page's forms, without JavaScript: the
// change form comes filled in, a refused change (an internal address,
// with the server's guard) comes back with the field named and the typed
// text kept, and editors are refused.
func TestWebhookChangeForms(t *testing.T) {
	s := newSite(t)
	s.svc.CheckWebhookURL = webhook.Guard{}.CheckURL
	admin, adminCtx := s.signIn("ada@example.com", "Ada Admin", hindsight.Admin)
	call := s.request
	form := url.Values{"name": {"#incidents"}, "url": {"https://203.0.113.7/services/T/B/X"}, "format": {"slack"}, "events": {"published"}}
	if status, loc, body := call(admin, "/admin/webhooks", form); status != http.StatusSeeOther || loc != "/admin/webhooks?done=added" {
		t.Fatalf("add: %d %s\n%s", status, loc, body)
	}
	hooks, _ := s.svc.Webhooks(adminCtx)
	h := hooks[0]
	_, _, page := call(admin, "/admin/webhooks?edit="+h.ID, nil)
	mustContain(t, page, "Change #incidents", `action="/admin/webhooks/`+h.ID+`"`, `value="https://203.0.113.7/services/T/B/X"`,
		"the current one stays", "Save changes", `action="/admin/webhooks/`+h.ID+`/pause"`)

	change := url.Values{"name": {"#ops"}, "url": {"http://169.254.169.254/latest"}, "format": {"json"}, "events": {"published", "revisit_due"}}
	status, _, body := call(admin, "/admin/webhooks/"+h.ID, change)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="wh-url-error"`) || !strings.Contains(body, "link-local") ||
		!strings.Contains(body, `value="http://169.254.169.254/latest"`) || !strings.Contains(body, "Change #incidents") {
		t.Fatalf("an internal address: %d\n%s", status, body)
	}
	change.Set("url", "https://203.0.113.8/hook")
	if status, loc, body := call(admin, "/admin/webhooks/"+h.ID, change); status != http.StatusSeeOther || loc != "/admin/webhooks?done=changed" {
		t.Fatalf("change: %d %s\n%s", status, loc, body)
	}
	got, _ := s.svc.Webhook(adminCtx, h.ID)
	if got.Name != "#ops" || got.URL != "https://203.0.113.8/hook" || got.Format != hindsight.FormatJSON || len(got.Events) != 2 || got.Secret != h.Secret {
		t.Fatalf("changed to %+v", got)
	}

	if status, loc, _ := call(admin, "/admin/webhooks/"+h.ID+"/pause", url.Values{}); status != http.StatusSeeOther || loc != "/admin/webhooks?done=paused" {
		t.Fatalf("pause: %d %s", status, loc)
	}
	_, _, page = call(admin, "/admin/webhooks?done=paused", nil)
	mustContain(t, page, "Webhook paused", "<strong>paused</strong>", `action="/admin/webhooks/`+h.ID+`/resume"`)
	// A change keeps it paused.
	if status, _, _ := call(admin, "/admin/webhooks/"+h.ID, change); status != http.StatusSeeOther {
		t.Fatalf("change while paused: %d", status)
	}
	if got, _ := s.svc.Webhook(adminCtx, h.ID); !got.Disabled {
		t.Fatal("a change resumed the webhook")
	}
	call(admin, "/admin/webhooks/"+h.ID+"/resume", url.Values{})
	if status, loc, _ := call(admin, "/admin/webhooks/"+h.ID+"/rotate-secret", url.Values{}); status != http.StatusSeeOther || loc != "/admin/webhooks?done=rotated" {
		t.Fatalf("rotate: %d %s", status, loc)
	}
	if got, _ := s.svc.Webhook(adminCtx, h.ID); got.Disabled || got.Secret == h.Secret {
		t.Fatalf("after resuming and rotating: %+v", got)
	}
	for _, path := range []string{"/admin/webhooks/" + h.ID, "/admin/webhooks/" + h.ID + "/pause", "/admin/webhooks/" + h.ID + "/rotate-secret"} {
		if status, _, _ := call(s.browser, path, change); status != http.StatusForbidden {
			t.Errorf("an editor posting %s: %d", path, status)
		}
	}
	if status, _, _ := call(s.browser, "/admin/webhooks?edit="+h.ID, nil); status != http.StatusForbidden {
		t.Errorf("an editor opening the change form: %d", status)
	}
}
