package web_test

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"hindsight"
)

// browser is a real headless Chromium (Debian's package) driving the UI.
// It records every JavaScript dialog, uncaught exception and console
// error, which the tests require to stay empty.
type browser struct {
	t      *testing.T
	ctx    context.Context
	mu     sync.Mutex
	errors []string
	// leaving counts "leave this page?" prompts (beforeunload), which a
	// test expecting one takes with leaveWarnings; any other is an error.
	leaving int
}

func chromiumPath(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is required under CI=true (make test installs Debian's chromium)")
	}
	t.Skip("no Chromium; install Debian's chromium to run the browser tests")
	return ""
}

// newBrowser starts Chromium; each browser has its own cookies.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx}
	b.watch()
	// A browser in UTC reads pages drawn in UTC by default, so no first
	// visit is drawn again in its zone while a test reads it; the zone
	// tests pick their zone themselves.
	b.inZone("UTC")
	return b
}

// watch starts the tab, records its dialogs, exceptions and console
// errors, and accepts every dialog so the page goes on.
func (b *browser) watch() {
	t, ctx := b.t, b.ctx
	t.Helper()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			if e.Type == page.DialogTypeBeforeunload {
				b.mu.Lock()
				b.leaving++
				b.mu.Unlock()
			} else {
				b.record("a JavaScript dialog opened: " + e.Message)
			}
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		case *runtime.EventExceptionThrown:
			b.record(fmt.Sprintf("uncaught exception: %s at %s:%d", e.ExceptionDetails.Text, e.ExceptionDetails.URL, e.ExceptionDetails.LineNumber))
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				b.record("console " + string(e.Type) + ": " + strings.Join(args, " "))
			}
		}
	})
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable runtime events: %v", err)
	}
}

// tab opens another tab of the same browser (same cookies and local
// storage); close closes it as a person closes a tab.
func (b *browser) tab() (tab *browser, close func()) {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	tab = &browser{t: b.t, ctx: ctx}
	tab.watch()
	tab.inZone("UTC")
	return tab, func() { tab.clean(); cancel() }
}

// leaveWarnings returns how many "leave this page?" prompts the page
// raised since the last call.
func (b *browser) leaveWarnings() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := b.leaving
	b.leaving = 0
	return n
}

func (b *browser) record(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, s)
}

// run performs actions and fails the test on error.
func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	for i, a := range actions {
		ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
		_, err := chromedp.Run(ctx, a)
		cancel()
		if err != nil {
			b.mu.Lock()
			seen := strings.Join(b.errors, "; ")
			b.mu.Unlock()
			url, _ := chromedp.Run(b.ctx, chromedp.Location())
			b.t.Fatalf("browser step %d of %d at %s: %v (browser reported: %s)", i+1, len(actions), url, err, seen)
		}
	}
}

// get runs an action that returns a value.
func get[T any](b *browser, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		url, _ := chromedp.Run(b.ctx, chromedp.Location())
		b.t.Fatalf("browser at %s: %v", url, err)
	}
	return v
}

// clean fails the test if any page raised a dialog, exception or console
// error (a blocked inline script shows up here too).
func (b *browser) clean() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		b.t.Errorf("browser: %s", e)
	}
	if b.leaving > 0 {
		b.t.Errorf("browser: %d unexpected warnings about leaving unsaved changes", b.leaving)
	}
}

// screenshot saves the page at desktop and phone widths under
// artifacts/screenshots, for people to look at.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	dir := filepath.Join("..", "..", "artifacts", "screenshots")
	os.MkdirAll(dir, 0o755)
	for _, w := range []struct {
		name   string
		width  int64
		scheme string
	}{{"desktop", 1280, "light"}, {"phone", 390, "light"}, {"dark", 1280, "dark"}} {
		b.theme(w.scheme)
		b.run(chromedp.EmulateViewport(w.width, 900))
		buf := get(b, chromedp.FullScreenshot(100))
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%s.png", name, w.name)), buf, 0o644)
	}
	b.theme("light")
	b.run(chromedp.EmulateViewport(1280, 900))
}

// signIn adds an account and signs this browser in through the sign-in
// page, as a person does.
func (b *browser) signIn(s *site, email, name string, role hindsight.UserRole) {
	b.t.Helper()
	if _, err := s.svc.AddUser(hindsight.CommandLine(b.t.Context()), hindsight.NewUser{Email: email, Name: name, Role: role, Password: password}); err != nil {
		b.t.Fatal(err)
	}
	b.signInAs(s, email)
}

// signInAs signs this browser in with an existing account.
func (b *browser) signInAs(s *site, email string) {
	b.t.Helper()
	b.run(chromedp.Navigate(s.url + "/signin"))
	b.fillSignIn(email)
}

// fillSignIn fills in the sign-in page the browser is on and submits it.
func (b *browser) fillSignIn(email string) {
	b.t.Helper()
	b.run(chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), email), chromedp.SendKeys(chromedp.CSS(`#password`), password+"\n"),
		chromedp.WaitVisible(chromedp.CSS(`a.me`)))
}

// printPDF prints the page as the browser would on A4 paper, with the
// page's own print stylesheet, to artifacts/NAME.pdf.
func (b *browser) printPDF(name string) {
	b.t.Helper()
	res, err := chromedp.Call(b.ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true)})
	if err != nil {
		b.t.Fatalf("print: %v", err)
	}
	dir := filepath.Join("..", "..", "artifacts")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, name+".pdf"), res.Data, 0o644)
}

func (b *browser) text(sel string) string { return get(b, chromedp.Text(chromedp.CSS(sel))) }

func (b *browser) value(sel string) string { return get(b, chromedp.Value(chromedp.CSS(sel))) }

func byID(id string) string { return `[id="` + id + `"]` }

// writePNG writes a small real image, a bar chart of sorts, for uploads.
func writePNG(t *testing.T, path string) {
	img := image.NewRGBA(image.Rect(0, 0, 160, 90))
	for x := range 160 {
		h := 10 + (x/20)*9
		for y := range 90 {
			c := color.RGBA{0xf6, 0xf7, 0xf9, 0xff}
			if 90-y < h && x%20 < 14 {
				c = color.RGBA{0x2f, 0x5f, 0xd0, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserWriteViewSearch writes a post-mortem through the form with
// events, a countermeasure and an image, views it and finds it.
func TestBrowserWriteViewSearch(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	b.run(chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS(`.empty`)))
	b.screenshot("home-empty")
	b.run(chromedp.Click(chromedp.CSS(`a[href="/postmortems/new"]`)), chromedp.WaitVisible(chromedp.CSS(`#title`)))
	b.screenshot("new")
	b.run(
		chromedp.SendKeys(chromedp.CSS(`#title`), "Login failures after session store failover"),
		chromedp.SetValue(chromedp.CSS(`#severity`), "SEV1"),
		chromedp.SetValue(chromedp.CSS(byID("incident.started_at_day")), "2026-05-04"),
		chromedp.SendKeys(chromedp.CSS(byID("incident.started_at_time")), "0810"),
		chromedp.SendKeys(chromedp.CSS(byID("incident.ended_at_time")), "9:00"),
		chromedp.SendKeys(chromedp.CSS(byID("events.0.text")), "Session store fails over to the replica"),
		chromedp.SendKeys(chromedp.CSS(byID("events.0.at_time")), "08:09"),
		chromedp.SendKeys(chromedp.CSS(byID("events.1.text")), "Login error rate alert fires"),
		// The script adds a row in place, numbered after the others.
		chromedp.Click(chromedp.CSS(`button[value="add:events"]`)),
		chromedp.WaitVisible(chromedp.CSS(byID("events.3.text"))),
		chromedp.SendKeys(chromedp.CSS(byID("events.3.text")), "Sessions re-created; logins succeed"),
		chromedp.SendKeys(chromedp.CSS(byID("countermeasures.0.title")), "Test failover monthly"),
		chromedp.SendKeys(chromedp.CSS(byID("countermeasures.0.owner")), "Mei Lin"),
		chromedp.SetValue(chromedp.CSS(byID("countermeasures.0.due")), "2026-06-01"),
		chromedp.SendKeys(chromedp.CSS(`#summary`), "A failover lost sessions; users had to log in again."),
		chromedp.SendKeys(chromedp.CSS(`#tags`), "auth, sessions"),
		chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)),
	)
	if got := b.text(`.pm-head h1`); got != "Login failures after session store failover" {
		t.Fatalf("view title %q", got)
	}
	timeline := b.text(`.timeline`)
	for _, want := range []string{"Session store fails over", "Login error rate alert fires", "Sessions re-created"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("timeline lacks %q: %s", want, timeline)
		}
	}
	loc := get(b, chromedp.Location())
	id := strings.TrimSuffix(strings.TrimPrefix(loc, s.url+"/postmortems/"), "?saved=1")

	// Upload an image into additional info, then save.
	png := filepath.Join(t.TempDir(), "graph.png")
	writePNG(t, png)
	b.run(chromedp.Navigate(s.url+"/postmortems/"+id+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#image`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#image`), []string{png}),
		chromedp.SendKeys(chromedp.CSS(`#image_alt`), "Login errors per minute"),
		chromedp.Click(chromedp.CSS(`[data-upload] button`)))
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(b.value(`#additional_info`), "![Login errors per minute](/api/v1/postmortems/"+id+"/attachments/") {
		if time.Now().After(deadline) {
			t.Fatalf("the image was not placed in additional info: %q", b.value(`#additional_info`))
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.screenshot("edit")
	b.run(chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)),
		chromedp.WaitVisible(chromedp.CSS(`.prose img[src^="/api/v1/postmortems/`+id+`/attachments/"]`)))
	if w := get(b, chromedp.Evaluate[int](`document.querySelector('.prose img').naturalWidth`)); w != 160 {
		t.Errorf("the uploaded image does not display: natural width %d", w)
	}
	b.screenshot("view")
	b.printPDF("view")

	b.run(chromedp.Navigate(s.url+"/"), chromedp.SendKeys(chromedp.CSS(`#q`), "failover\n"), chromedp.WaitVisible(chromedp.CSS(`.pm-item mark`)))
	if got := b.text(`.pm-item mark`); !strings.EqualFold(got, "failover") {
		t.Errorf("highlight %q", got)
	}
	b.screenshot("search")

	// The follow-through pages: change the countermeasure's status in place.
	b.run(chromedp.Navigate(s.url+"/countermeasures"), chromedp.WaitVisible(chromedp.CSS(`table.tracker`)))
	b.screenshot("countermeasures")
	// One click changes a status.
	b.run(chromedp.Click(chromedp.CSS(`table.tracker button[name=status][value=in_progress]`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if got := b.text(`.flash`); got != "Status changed." {
		t.Errorf("tracker flash %q", got)
	}
	b.run(chromedp.Navigate(s.url+"/insights"), chromedp.WaitVisible(chromedp.CSS(`svg.chart`)))
	b.screenshot("insights")
	b.clean()
}

func TestBrowserImport(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	sample, _ := os.ReadFile(filepath.Join("..", "markdown", "testdata", "checkout-payment-timeouts.md"))
	b.run(chromedp.Navigate(s.url+"/import"), chromedp.WaitVisible(chromedp.CSS(`#markdown`)),
		chromedp.SetValue(chromedp.CSS(`#markdown`), string(sample)),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[name=save]`)))
	b.screenshot("import")
	b.run(chromedp.Click(chromedp.CSS(`button[name=save]`)), chromedp.WaitVisible(chromedp.CSS(`.timeline`)))
	if got := b.text(`.pm-head h1`); got != "Checkout payments timed out after connection pool change" {
		t.Fatalf("imported title %q", got)
	}
	if got := b.text(`.metrics`); !strings.Contains(got, "1 h 23 min") || !strings.Contains(got, "16 min") {
		t.Errorf("derived durations: %q", got)
	}
	b.clean()
}

// TestBrowserEditConflict opens one post-mortem in two browsers; the
// second save is refused, shows both versions and keeps its input.
func TestBrowserEditConflict(t *testing.T) {
	s := newSite(t)
	p := &hindsight.PostMortem{Title: "Queue backlog", Summary: "Consumers fell behind."}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	amara, jonas := newBrowser(t), newBrowser(t)
	amara.signIn(s, "amara@example.com", "Amara Okafor", hindsight.Editor)
	jonas.signIn(s, "jonas@example.com", "Jonas Weber", hindsight.Editor)
	edit := s.url + "/postmortems/" + p.ID + "/edit"
	for _, b := range []*browser{amara, jonas} {
		b.run(chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.CSS(`#summary`)))
	}
	amara.run(chromedp.SetValue(chromedp.CSS(`#summary`), "Consumers fell behind after a partition rebalance."),
		chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	jonas.run(chromedp.SetValue(chromedp.CSS(`#title`), "Queue backlog during partition rebalance"),
		chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.conflict`)))
	jonas.screenshot("conflict")
	if got := jonas.text(`.conflict h2`); !strings.Contains(got, "Amara Okafor saved this post-mortem") {
		t.Errorf("conflict heading %q", got)
	}
	if diff := jonas.text(`.conflict table`); !strings.Contains(diff, "partition rebalance.") || !strings.Contains(diff, "Queue backlog during partition rebalance") {
		t.Errorf("the diff does not show both versions: %q", diff)
	}
	if got := jonas.value(`#title`); got != "Queue backlog during partition rebalance" {
		t.Errorf("Jonas's input was lost: %q", got)
	}
	stored, _ := s.svc.Get(s.ctx, p.ID)
	if stored.Title != "Queue backlog" || !strings.Contains(stored.Summary, "rebalance") {
		t.Fatalf("the refused save changed the post-mortem: %+v", stored)
	}
	// Jonas merges Amara's summary and saves.
	jonas.run(chromedp.SetValue(chromedp.CSS(`#summary`), stored.Summary),
		chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	stored, _ = s.svc.Get(s.ctx, p.ID)
	if stored.Title != "Queue backlog during partition rebalance" || !strings.Contains(stored.Summary, "rebalance") || stored.Version != 3 {
		t.Fatalf("after merging: %q %q v%d", stored.Title, stored.Summary, stored.Version)
	}
	amara.clean()
	jonas.clean()
}

// TestBrowserScriptsInert stores script in every text field and opens the
// pages that show it: no dialog may open and no script may run.
func TestBrowserScriptsInert(t *testing.T) {
	s := newSite(t)
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>[y](javascript:alert(4))`
	now := time.Now()
	p := &hindsight.PostMortem{
		Title: "XSS " + evil[:40], Description: evil, AdditionalInfo: evil, Remediation: evil, Summary: evil, RootCause: evil, Team: evil,
		Meeting:         hindsight.Meeting{Contact: evil, CreatedBy: evil, FacilitatedBy: evil},
		Events:          []hindsight.Event{{At: &now, Text: evil, Effect: evil, ReportedBy: "x" + strings.ReplaceAll(evil, "(", "")}},
		Whys:            []hindsight.Why{{Question: evil, Answer: evil}},
		Countermeasures: []hindsight.Countermeasure{{Title: evil, Owner: evil, Ticket: "T-1"}},
		Stakeholders:    []hindsight.Stakeholder{{Name: evil, Roles: []hindsight.Role{hindsight.RoleAffected}}},
		BugTickets:      []hindsight.BugTicket{{Ref: evil}},
		OtherSections:   []hindsight.Section{{Heading: "Notes " + evil[:20], Body: evil}},
	}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	for _, path := range []string{"/postmortems/" + p.ID, "/postmortems/" + p.ID + "/edit", "/?q=alert"} {
		b.run(chromedp.Navigate(s.url+path), chromedp.WaitReady(chromedp.CSS(`body`)), chromedp.Sleep(300*time.Millisecond))
	}
	b.run(chromedp.Navigate(s.url + "/postmortems/" + p.ID))
	imgs := get(b, chromedp.Evaluate[int](`document.querySelectorAll('img[onerror], a[href^="javascript:"], script:not([src])').length`))
	if imgs != 0 {
		t.Errorf("%d live script elements on the page", imgs)
	}
	b.clean()
}
