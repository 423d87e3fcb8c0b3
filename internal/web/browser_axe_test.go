package web_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hindsight"
	"hindsight/internal/demo"
)

// axeScript is axe-core, which scripts/test-deps.sh installs from the npm
// registry into the git-ignored .cache folder.
func axeScript(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", ".cache", "test-deps", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is required under CI=true (make test installs it): %v", err)
		}
		t.Skipf("no axe-core (run scripts/test-deps.sh): %v", err)
	}
	return string(b)
}

// theme makes the page see the reader's colour scheme, light or dark.
func (b *browser) theme(scheme string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		b.t.Fatalf("emulate %s theme: %v", scheme, err)
	}
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core's every rule (WCAG 2.2 A and AA and best practice) on
// the page as it is and returns what it reports.
func (b *browser) axe(script string) []axeViolation {
	b.t.Helper()
	if !get(b, chromedp.Evaluate[bool](`typeof axe !== "undefined"`)) {
		get(b, chromedp.Evaluate[any](script+";0"))
	}
	out := get(b, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " "))}))))`, chromedp.EvalAwaitPromise))
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		b.t.Fatalf("axe answer: %v", err)
	}
	return vs
}

// richPostMortem fills every field, so every part of every page is checked.
func richPostMortem(t *testing.T, s *site) *hindsight.PostMortem {
	t.Helper()
	at := func(h, m int) *time.Time { v := time.Date(2026, 3, 10, h, m, 0, 0, time.UTC); return &v }
	due := hindsight.Date{Year: 2026, Month: 4, Day: 1}
	p := &hindsight.PostMortem{
		Title: "Checkout payments timed out after a connection pool change", Severity: "SEV2", Status: hindsight.StatusInReview,
		Team: "Payments", Services: []string{"checkout", "payments-api"}, Tags: []string{"payments", "database"},
		Meeting:     hindsight.Meeting{Date: at(15, 0), Contact: "Ana Souza", CreatedBy: "Ben Okafor", FacilitatedBy: "Mei Lin"},
		Incident:    hindsight.Incident{StartedAt: at(9, 42), DetectedAt: at(9, 58), EndedAt: at(11, 5), AdditionalTimes: []hindsight.LabelledTime{{Label: "Hotfix", At: *at(10, 47)}}},
		Description: "Card payments failed for **83 minutes**; about 12% of checkouts.",
		Events: []hindsight.Event{
			{At: at(9, 40), ReportedBy: "Ben Okafor (payments dev)", Kind: hindsight.EventAction, Text: "Deploy lowers the pool size from 50 to 5", Effect: "Fewer connections"},
			{At: at(9, 58), ReportedBy: "Ana Souza", Kind: hindsight.EventObservation, Text: "Timeout alert pages the on-call engineer\nCheckout is **degraded**"},
			{At: at(10, 47), ReportedBy: "Mei Lin", Kind: hindsight.EventResolution, Text: "Pool size restored", Effect: "Payments recover"},
		},
		AdditionalInfo: "The dashboard showed connection waits rising from 2 ms to 30 s.",
		Remediation:    "Pool size restored; a config check added.",
		BugTickets:     []hindsight.BugTicket{{Ref: "PAY-1234", URL: "https://tracker.example.com/browse/PAY-1234"}, {Ref: "OPS-77"}},
		Summary:        "A configuration change lowered the database pool size, so payments waited for connections and timed out.",
		Whys:           []hindsight.Why{{Question: "Why did payments time out?", Answer: "They waited for a database connection."}, {Question: "Why were there too few?", Answer: "The pool was lowered to 5."}},
		RootCause:      "Pool size changes are not checked against peak load.",
		Countermeasures: []hindsight.Countermeasure{
			{Title: "Check pool size against peak load in CI", Kind: hindsight.KindPrevent, Priority: "P1", Owner: "Ben Okafor", Due: &due, Status: hindsight.CMInProgress, Ticket: "PAY-1240"},
			{Title: "Alert on connection wait time", Kind: hindsight.KindDetect, Priority: "P2", Owner: "Ana Souza", Due: &due, Status: hindsight.CMDone},
		},
		Stakeholders: []hindsight.Stakeholder{{Name: "Ana Souza", Email: "ana@example.com", Roles: []hindsight.Role{hindsight.RoleIdentified, hindsight.RoleResponded}}, {Name: "Support", Roles: []hindsight.Role{hindsight.RoleAffected}}},
	}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBrowserAccessibility runs axe-core on every page at a phone's and a
// desktop's width, in the light and the dark theme: nothing may be
// reported. The findings of every run are written to
// artifacts/accessibility.txt.
func TestBrowserAccessibility(t *testing.T) {
	script := axeScript(t)
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "ada@example.com", "Ada Admin", hindsight.Admin)
	// e is a site with nothing in it and no admin yet: its home page is
	// the friendly start, its sign-in and setup pages are what a signed-out
	// person and the first admin see.
	e := newSite(t)
	setup, err := e.svc.SetupLink(t.Context())
	if err != nil || setup == "" {
		t.Fatalf("setup link: %q %v", setup, err)
	}
	reader, err := s.svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: "new@example.com", Name: "New Reader", Role: hindsight.Viewer})
	if err != nil {
		t.Fatal(err)
	}
	reset, err := s.svc.ResetLink(hindsight.CommandLine(t.Context()), reader.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := richPostMortem(t, s)
	reviewed(t, s, p, "new@example.com")
	pub := &hindsight.PostMortem{Title: "Published for its revisits", Severity: "SEV3", Status: hindsight.StatusPublished,
		Stakeholders: []hindsight.Stakeholder{{Name: "Ana Souza", Email: "ana@example.com"}}}
	if err := s.svc.Create(s.ctx, pub); err != nil {
		t.Fatal(err)
	}
	public, err := s.svc.SavePublicSummary(s.ctx, pub.ID, hindsight.PublicSummaryDraft{Title: "Slow checkout", CustomerImpact: "Some payments took a minute.",
		Timeline: "- 09:40 UTC slow\n- 11:05 UTC normal", Actions: "Capacity checks before changes.", Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	old := historyFor(t, s, p)
	wh := logDeliveries(t, s, p)
	now := time.Now().UTC()
	if err := s.svc.CreateMany(s.ctx, demo.Generate(7, 40, now)); err != nil {
		t.Fatal(err)
	}
	pngFile := filepath.Join(t.TempDir(), "chart.png")
	writePNG(t, pngFile)
	png, err := os.ReadFile(pngFile)
	if err != nil {
		t.Fatal(err)
	}
	type check struct {
		name string
		path string
		// prepare runs after the page loads, to reach a state of it.
		prepare func()
	}
	checks := []check{
		{"home, empty", "", nil},
		{"home", "/", nil},
		{"search", "/?q=payments", nil},
		{"view", "/postmortems/" + p.ID, nil},
		{"edit", "/postmortems/" + p.ID + "/edit", nil},
		{"new", "/postmortems/new", nil},
		{"new with errors", "/postmortems/new", func() {
			b.run(chromedp.SendKeys(chromedp.CSS(byID("incident.started_at_time")), "25:00"),
				chromedp.Click(chromedp.CSS(`.side-actions button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#errors`)))
		}},
		{"new, draft offered", "/postmortems/new", func() {
			get(b, chromedp.Evaluate[any](`localStorage.setItem("hindsight-draft:/postmortems", JSON.stringify({at: Date.now(), values: [["title", "Half-written"]], rows: {}}))`))
			b.run(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`[data-draft-note] button`)))
		}},
		{"edit, image description", "/postmortems/" + p.ID + "/edit", func() {
			get(b, chromedp.Evaluate[bool](imageEvent(png, "chart.png", "summary", "paste")))
			b.run(chromedp.WaitVisible(chromedp.CSS(`dialog[open] #alt-text`)))
		}},
		{"edit, conflict", "/postmortems/" + p.ID + "/edit", func() {
			cur, err := s.svc.Get(s.ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			cur.Summary += " Someone else's change."
			if err := s.svc.Update(s.ctx, cur); err != nil {
				t.Fatal(err)
			}
			b.run(chromedp.SetValue(chromedp.CSS(`#title`), "My own title"),
				chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.conflict`)))
		}},
		{"delete", "/postmortems/" + p.ID + "/delete", nil},
		{"history", "/postmortems/" + p.ID + "/history", nil},
		{"review", "/postmortems/" + p.ID + "/review", nil},
		{"to read", "/reading", nil},
		{"review, published", "/postmortems/" + pub.ID + "/review", nil},
		{"view, published", "/postmortems/" + pub.ID, nil},
		{"public summary editor", "/postmortems/" + pub.ID + "/public", nil},
		{"public summary editor, preview", "/postmortems/" + pub.ID + "/public", func() {
			b.run(chromedp.Click(chromedp.CSS(`button[value=preview]`)), chromedp.WaitVisible(chromedp.CSS(`.preview-public`)))
		}},
		{"public summary", "/public/" + public.PublicID, nil},
		{"compare", "/postmortems/" + p.ID + "/compare?from=1&to=" + fmt.Sprint(p.Version), nil},
		{"old version", "/postmortems/" + p.ID + "/versions/1", nil},
		{"trash", "/trash", nil},
		{"purge", "/trash/" + old.ID + "/purge", nil},
		{"import", "/import", nil},
		{"chat import", "/import/chat", nil},
		{"chat import, errors", "/import/chat", func() {
			b.run(chromedp.Click(chromedp.CSS(`form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#errors`)))
		}},
		{"chat import, messages", "/import/chat?into=" + p.ID, func() {
			b.run(chromedp.SetValue(chromedp.CSS(`#text`), "[09:40] Ben Okafor: Deploying the pool change\n[09:42] Ana Souza: Checkout errors at 12%"),
				chromedp.Click(chromedp.CSS(`form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.chat-list`)))
		}},
		{"countermeasures", "/countermeasures", nil},
		{"insights", "/insights", nil},
		{"zone", "/zone?back=/", nil},
		{"not found", "/no-such-page", nil},
		{"account", "/account", nil},
		{"account, new token", "/account", func() {
			b.run(chromedp.SendKeys(chromedp.CSS(`form[action="/account/token"] input[name=name]`), "CI export"),
				chromedp.Click(chromedp.CSS(`form[action="/account/token"] button`)), chromedp.WaitVisible(chromedp.CSS(`code.secret`)))
		}},
		{"account, authenticator", "/account", func() {
			b.run(chromedp.Click(chromedp.CSS(`form[action="/account/totp-start"] button`)), chromedp.WaitVisible(chromedp.CSS(`code.secret`)))
		}},
		{"users", "/admin/users", nil},
		{"webhooks", "/admin/webhooks", nil},
		{"webhooks, refused", "/admin/webhooks", func() {
			b.run(chromedp.SendKeys(chromedp.CSS(`#wh-name`), "Ops"), chromedp.SendKeys(chromedp.CSS(`#wh-url`), "ftp://files.example.com/x"),
				chromedp.Click(chromedp.CSS(`form[action="/admin/webhooks"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#wh-url-error`)))
		}},
		{"webhooks, networks refused", "/admin/webhooks", func() {
			b.run(chromedp.SendKeys(chromedp.CSS(`#wh-allow`), "intranet"),
				chromedp.Click(chromedp.CSS(`form[action="/admin/webhooks/allow"] button`)), chromedp.WaitVisible(chromedp.CSS(`#wh-allow-error`)))
		}},
		{"webhooks, change", "/admin/webhooks?edit=" + wh.ID, nil},
		{"delivery log", "/admin/webhooks/deliveries", nil},
		{"mail", "/admin/mail", nil},
		{"mail, refused", "/admin/mail", func() {
			b.run(chromedp.SetValue(chromedp.CSS(`#mail-host`), "smtp.example.com"), chromedp.SetValue(chromedp.CSS(`#mail-from`), "nobody"),
				chromedp.Click(chromedp.CSS(`form[action="/admin/mail"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#mail-from-error`)))
		}},
		{"audit log", "/admin/audit", nil},
		{"set password", "/reset/" + reset, nil},
		{"sign in", "e:/signin", nil},
		{"sign in, failed", "e:/signin", func() {
			b.run(chromedp.SendKeys(chromedp.CSS(`#email`), "nobody@example.com"), chromedp.SendKeys(chromedp.CSS(`#password`), "wrong password\n"),
				chromedp.WaitVisible(chromedp.CSS(`#signin-error`)))
		}},
		{"first admin", "e:/setup/" + setup, nil},
	}
	var report strings.Builder
	failed := 0
	for _, c := range checks {
		for _, scheme := range []string{"light", "dark"} {
			for _, width := range []int64{390, 1440} {
				b.theme(scheme)
				b.run(chromedp.EmulateViewport(width, 900))
				switch {
				case strings.HasPrefix(c.path, "e:"):
					// Cookies do not tell ports apart, but sessions live in
					// each site's database: on e the browser is signed out.
					b.run(chromedp.Navigate(e.url+strings.TrimPrefix(c.path, "e:")), chromedp.WaitReady(chromedp.CSS(`body`)))
				case c.path != "":
					b.run(chromedp.Navigate(s.url+c.path), chromedp.WaitReady(chromedp.CSS(`body`)))
				default:
					// The empty home page, signed in to e (and back to s
					// after the checks).
					b.signInAs(e, "priya@example.com")
					b.run(chromedp.Navigate(e.url+"/"), chromedp.WaitReady(chromedp.CSS(`.empty`)))
				}
				if c.path != "" && c.prepare != nil {
					c.prepare()
				}
				// Nothing scrolls sideways, and no chart text is clipped
				// or smaller than 12 px.
				if sw := get(b, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`)); sw > width {
					t.Errorf("%s, %s theme, %d px: the page is %d px wide and scrolls sideways", c.name, scheme, width, sw)
				}
				for _, bad := range get(b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("svg.chart text")).filter(el => el.getBBox().width > 0 && getComputedStyle(el).display !== "none").flatMap(el => {
					const r = el.getBoundingClientRect(), card = el.closest(".card").getBoundingClientRect(), size = parseFloat(getComputedStyle(el).fontSize);
					const out = [];
					if (size < 12) out.push(el.textContent + ": " + size + " px");
					if (r.left < card.left || r.right > card.right) out.push(el.textContent + ": clipped by its card");
					return out;
				})`)) {
					t.Errorf("%s, %s theme, %d px: chart text %s", c.name, scheme, width, bad)
				}
				vs := b.axe(script)
				fmt.Fprintf(&report, "%-18s %-5s %4d px: %d violations\n", c.name, scheme, width, len(vs))
				for _, v := range vs {
					failed++
					line := fmt.Sprintf("  %s (%s): %s\n    %s\n", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n    "))
					report.WriteString(line)
					t.Errorf("%s, %s theme, %d px: %s", c.name, scheme, width, line)
				}
				if c.path == "" {
					b.signInAs(s, "ada@example.com")
				}
			}
		}
	}
	dir := filepath.Join("..", "..", "artifacts")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "accessibility.txt"), []byte(report.String()), 0o644)
	t.Logf("axe-core: %d violations over %d page states × 2 themes × 2 widths", failed, len(checks))
	b.theme("light")
}

// reviewed gives p a review request and a comment thread with a reply,
// so the review page shows each of its parts.
func reviewed(t *testing.T, s *site, p *hindsight.PostMortem, reviewer string) {
	t.Helper()
	if _, err := s.svc.RequestReview(s.ctx, p.ID, []string{reviewer}); err != nil {
		t.Fatal(err)
	}
	c, err := s.svc.AddComment(s.ctx, p.ID, hindsight.NewComment{Anchor: "events[0]", Body: "Was this deploy reviewed?"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.AddComment(s.ctx, p.ID, hindsight.NewComment{ParentID: c.ID, Body: "Yes, by one person."}); err != nil {
		t.Fatal(err)
	}
}
