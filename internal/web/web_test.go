package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/server"
	"hindsight/internal/sqlite"
)

// site is the whole product on a real SQLite file, with a browser signed
// in as an editor.
type site struct {
	t       *testing.T
	url     string
	svc     *hindsight.Service
	store   hindsight.Store
	browser *http.Client
	// ctx is the signed-in editor, for reads and writes made directly.
	ctx context.Context
}

const password = "correct horse battery staple"

func newSite(t *testing.T, edit ...func(*config.Config)) *site {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	cfg := config.Default()
	cfg.MaxUploadBytes = 64 << 10
	for _, e := range edit {
		e(&cfg)
	}
	h, err := server.New(cfg, svc)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	st := &site{t: t, url: srv.URL, svc: svc, store: s}
	st.browser, st.ctx = st.signIn("priya@example.com", "Priya Raman", hindsight.Editor)
	return st
}

// signIn adds an account and signs a new browser in with it, returning
// the browser (which does not follow redirects) and the user's context.
func (s *site) signIn(email, name string, role hindsight.UserRole) (*http.Client, context.Context) {
	s.t.Helper()
	u, err := s.svc.AddUser(hindsight.CommandLine(s.t.Context()), hindsight.NewUser{Email: email, Name: name, Role: role, Password: password})
	if err != nil {
		s.t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := b.PostForm(s.url+"/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("sign in: %v %v", res, err)
	}
	res.Body.Close()
	return b, hindsight.WithPrincipal(s.t.Context(), hindsight.Principal{User: u})
}

func (s *site) get(path string) (int, string) {
	s.t.Helper()
	status, _, page := s.request(s.browser, path, nil)
	return status, page
}

func (s *site) post(path string, form url.Values) (int, string, string) {
	s.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	return s.request(s.browser, path, form)
}

// request GETs path as browser c (form nil) or POSTs the form, and
// returns the status, the redirect and the page.
func (s *site) request(c *http.Client, path string, form url.Values) (int, string, string) {
	s.t.Helper()
	var res *http.Response
	var err error
	if form == nil {
		res, err = c.Get(s.url + path)
	} else {
		res, err = c.PostForm(s.url+path, form)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func mustContain(t *testing.T, body string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Errorf("page lacks %q", p)
		}
	}
}

// filledForm is a post-mortem as a person fills the form in, in Berlin.
func filledForm() url.Values {
	return url.Values{
		"tz":    {"Europe/Berlin"},
		"title": {"Search latency spike after index rebuild"}, "severity": {"SEV2"}, "status": {"draft"},
		"tags": {"search, elasticsearch"}, "services": {"search"}, "team": {"Search"},
		"meeting.date": {"2026-03-12T15:00"}, "meeting.contact": {"Priya Raman"},
		"incident.started_at": {"2026-03-10T10:42"}, "incident.detected_at": {"2026-03-10T10:58"}, "incident.ended_at": {"2026-03-10T12:05"},
		"incident.additional_times.0.label": {"Hotfix"}, "incident.additional_times.0.at": {"2026-03-10T11:47"},
		"description": {"Search p99 rose to **9 s** for 83 minutes."},
		"events.0.at": {"2026-03-10T10:40"}, "events.0.text": {"Nightly index rebuild starts on the primary cluster"}, "events.0.kind": {"action"}, "events.0.reported_by": {"Jonas"},
		"events.1.at": {"2026-03-10T10:58"}, "events.1.text": {"Latency alert pages the on-call engineer"}, "events.1.effect": {"Investigation starts"}, "events.1.reported_by": {"Priya"},
		"events.2.text":           {""}, // an empty row the form offers is dropped
		"summary":                 {"An index rebuild ran on the serving cluster during peak traffic."},
		"countermeasures.0.title": {"Run index rebuilds on a standby cluster"}, "countermeasures.0.owner": {"Jonas"},
		"countermeasures.0.due": {"2026-04-01"}, "countermeasures.0.priority": {"P1"}, "countermeasures.0.status": {"open"}, "countermeasures.0.kind": {"prevent"},
		"whys.0.question": {"Why was search slow?"}, "whys.0.answer": {"The rebuild saturated disk IO."},
		"stakeholders.0.name": {"Support"}, "stakeholders.0.roles": {"affected", "identified"},
		"bug_tickets.0.ref": {"SRCH-12"}, "bug_tickets.0.url": {"https://tracker.example.com/SRCH-12"},
	}
}

func TestEmptyStart(t *testing.T) {
	s := newSite(t)
	code, body := s.get("/")
	if code != 200 {
		t.Fatalf("home: %d", code)
	}
	mustContain(t, body, "Write the first post-mortem", `href="/postmortems/new"`, "Import Markdown", `href="/import"`)
}

func TestWriteViewFindWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	code, loc, body := s.post("/postmortems", filledForm())
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/postmortems/") {
		t.Fatalf("create: %d %q\n%s", code, loc, body)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	p, err := s.svc.Get(s.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// Times typed in Berlin (UTC+1 in March) are stored in UTC.
	if got := p.Incident.StartedAt.Format("15:04 MST"); got != "09:42 UTC" {
		t.Errorf("start stored as %s, want 09:42 UTC", got)
	}
	if len(p.Events) != 2 || p.Events[1].Effect != "Investigation starts" || p.UpdatedBy != "Priya Raman" || len(p.Countermeasures) != 1 || p.Stakeholders[0].Roles[1] != hindsight.RoleIdentified {
		t.Fatalf("stored %+v", p)
	}
	_, view := s.get("/postmortems/" + id)
	mustContain(t, view, "Search latency spike after index rebuild", "<strong>9 s</strong>", "Nightly index rebuild starts", "as seen by Priya",
		"16 min", "1 h 23 min", "Run index rebuilds on a standby cluster", `href="https://tracker.example.com/SRCH-12"`, `href="/?tag=search"`, "Affected")
	_, found := s.get("/?q=rebuild")
	mustContain(t, found, "Search latency spike after index rebuild", "<mark>")
	_, filtered := s.get("/?severity=SEV1")
	if strings.Contains(filtered, "Search latency spike") {
		t.Error("severity filter shows a SEV2")
	}
	_, md := s.get("/postmortems/" + id + "/markdown")
	mustContain(t, md, "# Search latency spike after index rebuild", "| Start Time  | 2026-03-10 09:42 UTC")
}

func TestValidationErrorsKeepInput(t *testing.T) {
	s := newSite(t)
	f := filledForm()
	f.Set("title", "")
	f.Set("incident.ended_at", "2026-03-10T09:00")
	f.Set("events.1.at", "yesterday")
	code, _, body := s.post("/postmortems", f)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", code)
	}
	mustContain(t, body, "nothing was saved yet", `value="yesterday"`, "is not a date and time", "Nightly index rebuild starts", "An index rebuild ran on the serving cluster",
		`<a href="#events.1.at_time">Event 2 time: is not a date and time`, `<section class="card error-summary" id="errors" tabindex="-1"`)
	// Fix the unreadable time: the domain errors appear beside their fields.
	f.Set("events.1.at", "2026-03-10T10:58")
	_, _, body = s.post("/postmortems", f)
	mustContain(t, body, `<p class="field-error" id="title-err">is required</p>`, `aria-invalid="true" aria-describedby="title-err"`, "is before the incident started",
		`<a href="#title">Title: is required</a>`, `<a href="#incident.ended_at_time">End time: is before the incident started`)
	if strings.Index(body, `href="#title"`) > strings.Index(body, `href="#incident.ended_at_time"`) {
		t.Error("the error summary does not list errors in the form's order")
	}
	if page, _ := s.svc.List(s.ctx, hindsight.ListFilter{}); len(page.Items) != 0 {
		t.Fatal("an invalid form was saved")
	}
}

func TestRowButtonsWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	f := filledForm()
	f.Set("_row", "add:events")
	_, _, body := s.post("/postmortems", f)
	mustContain(t, body, `name="events.3.text"`) // two filled + two blank
	f.Set("_row", "remove:events:0")
	_, _, body = s.post("/postmortems", f)
	if strings.Contains(body, "Nightly index rebuild starts") {
		t.Error("removed row still shown")
	}
	f.Set("_row", "up:events:1")
	_, _, body = s.post("/postmortems", f)
	if strings.Index(body, "Latency alert pages") > strings.Index(body, "Nightly index rebuild") {
		t.Error("row not moved up")
	}
	if page, _ := s.svc.List(s.ctx, hindsight.ListFilter{}); len(page.Items) != 0 {
		t.Fatal("a row button saved the post-mortem")
	}
}

// TestEditConflictKeepsBoth opens the form twice, saves one, then the other:
// the second save is refused with both versions shown and its input kept.
func TestEditConflictKeepsBoth(t *testing.T) {
	s := newSite(t)
	_, loc, _ := s.post("/postmortems", filledForm())
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	first, second := filledForm(), filledForm()
	for _, f := range []url.Values{first, second} {
		f.Set("version", "1")
		f.Set("countermeasures.0.id", "")
	}
	first.Set("summary", "Amara's clearer summary.")
	second.Set("title", "Jonas's better title")
	amara, _ := s.signIn("amara@example.com", "Amara Okafor", hindsight.Editor)
	if res, err := amara.PostForm(s.url+"/postmortems/"+id, first); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %v %v", res, err)
	}
	code, _, body := s.post("/postmortems/"+id, second)
	if code != http.StatusConflict {
		t.Fatalf("second save: %d", code)
	}
	mustContain(t, body, "Amara Okafor saved this post-mortem", "Amara&#39;s clearer summary.", "Jonas&#39;s better title", `name="version" value="2"`)
	stored, _ := s.svc.Get(s.ctx, id)
	if stored.Summary != "Amara's clearer summary." || stored.Title != "Search latency spike after index rebuild" {
		t.Fatalf("the refused save changed the post-mortem: %q %q", stored.Title, stored.Summary)
	}
	second.Set("version", "2")
	second.Set("summary", "Amara's clearer summary.")
	if code, _, _ := s.post("/postmortems/"+id, second); code != http.StatusSeeOther {
		t.Fatalf("merged save: %d", code)
	}
	stored, _ = s.svc.Get(s.ctx, id)
	if stored.Title != "Jonas's better title" || stored.Summary != "Amara's clearer summary." {
		t.Fatalf("merge lost something: %q %q", stored.Title, stored.Summary)
	}
}

// TestScriptsStayInert puts markup that would run script into every text
// field; the page must show it as text or drop it.
func TestScriptsStayInert(t *testing.T) {
	s := newSite(t)
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))<a href="javascript:alert(4)">y</a>`
	f := filledForm()
	for k := range f {
		if k == "tz" || strings.HasSuffix(k, ".at") || strings.HasSuffix(k, "date") || strings.HasSuffix(k, "due") || strings.HasSuffix(k, "_at") ||
			strings.HasSuffix(k, "kind") || strings.HasSuffix(k, "priority") || strings.HasSuffix(k, "status") || k == "status" || k == "severity" ||
			strings.HasSuffix(k, "roles") || strings.HasSuffix(k, ".url") || strings.HasSuffix(k, ".label") || k == "tags" || k == "services" {
			continue
		}
		f.Set(k, evil)
	}
	f.Set("title", "T "+evil[:30])
	code, loc, body := s.post("/postmortems", f)
	if code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", code, body)
	}
	_, view := s.get(strings.TrimSuffix(loc, "?saved=1"))
	// The meta description quotes the summary inside an attribute, where
	// the words are inert text once < and " are escaped: check that, then
	// leave it out of the search for live tags below.
	meta := regexp.MustCompile(`<meta name="description" content="([^"]*)">`).FindStringSubmatch(view)
	if meta == nil || strings.ContainsAny(meta[1], "<>") {
		t.Errorf("the meta description is not escaped: %q", meta)
	}
	view = strings.Replace(view, meta[0], "", 1)
	// Escaped text may spell the words; no real tag may carry them.
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script>alert`), regexp.MustCompile(`<[a-z][^>]*\son[a-z]+=`),
		regexp.MustCompile(`<[a-z][^>]*(href|src)="?\s*javascript:`), regexp.MustCompile(`<img[^>]*src="?x`),
	} {
		if m := bad.FindString(view); m != "" {
			t.Errorf("view page has live markup %q", m)
		}
	}
	mustContain(t, view, "&lt;script&gt;alert(1)&lt;/script&gt;")
}

func TestImportPreviewAndSave(t *testing.T) {
	s := newSite(t)
	sample, err := os.ReadFile(filepath.Join("..", "markdown", "testdata", "checkout-payment-timeouts.md"))
	if err != nil {
		t.Fatal(err)
	}
	code, _, body := s.post("/import", url.Values{"markdown": {string(sample)}})
	if code != 200 {
		t.Fatalf("preview: %d", code)
	}
	mustContain(t, body, "What it becomes", "Checkout payments timed out after connection pool change", "8 events", "Save as draft")
	code, loc, _ := s.post("/import", url.Values{"markdown": {string(sample)}, "save": {"1"}})
	if code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	_, view := s.get(strings.TrimSuffix(loc, "?saved=1"))
	mustContain(t, view, "Checkout payments timed out after connection pool change", `<p class="kind">investigation</p>`)
	// Any document imports; the preview reports what needs a look and
	// offers the incident times its timeline suggests.
	shaped := "# Outage\n\nSeverity: Critical\n\n## Timeline (all times in CET)\n\n- 2026-03-10 23:10 — Alert fired\n- 23:40 — Service recovered\n\n## Impact\n\nCarts.\n"
	code, _, body = s.post("/import", url.Values{"markdown": {shaped}})
	if code != 200 {
		t.Fatalf("preview of another shape: %d", code)
	}
	mustContain(t, body, "What the import found", `section &#34;Impact&#34; kept as written`, "read as SEV1", "Incident times proposed from the timeline", "Save as draft with the proposed incident times")
	code, loc, _ = s.post("/import?accept_times=1", url.Values{"markdown": {shaped}, "save": {"1"}})
	if code != http.StatusSeeOther {
		t.Fatalf("save with proposed times: %d", code)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	p, err := s.svc.Get(s.ctx, id)
	if err != nil || p.Incident.StartedAt == nil || p.Incident.StartedAt.Format("15:04") != "22:10" || p.Incident.EndedAt.Format("15:04") != "22:40" {
		t.Fatalf("accepted times: %v %+v", err, p)
	}
}

func TestSecurityHeadersAndAssets(t *testing.T) {
	s := newSite(t)
	res, err := s.browser.Get(s.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") || res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") == "" {
		t.Errorf("headers: %v", res.Header)
	}
	if strings.Contains(string(body), "<script>") || strings.Contains(string(body), " style=") {
		t.Error("the page has inline script or style, which the policy forbids")
	}
	i := strings.Index(string(body), `/static/style.`)
	url := string(body)[i : i+strings.Index(string(body)[i:], `"`)]
	res, err = s.browser.Get(s.url + url)
	if err != nil || res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("asset %s: %v %v", url, res, err)
	}
	res.Body.Close()
	if code, _ := s.get("/postmortems/nope"); code != 404 {
		t.Errorf("missing post-mortem: %d", code)
	}
}

// TestLintAfterSave saves blaming, guessing text: the save goes through,
// the page lists the notes, and the edit form shows them beside the text.
func TestLintAfterSave(t *testing.T) {
	s := newSite(t)
	f := filledForm()
	f.Set("summary", "We would have caught it with a canary; it was human error.")
	f.Set("events.1.text", "Jonas failed to check the dashboard")
	code, loc, _ := s.post("/postmortems", f)
	if code != http.StatusSeeOther {
		t.Fatalf("saving with language notes must not be blocked: %d", code)
	}
	_, view := s.get(loc)
	mustContain(t, view, "Language notes", "Summary", "would have", "human error", "Event 2 text", "failed to")
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	_, form := s.get("/postmortems/" + id + "/edit")
	summary := form[strings.Index(form, `id="summary"`):]
	summary = summary[:strings.Index(summary, "data-preview")]
	mustContain(t, summary, `class="lint-inline"`, "“would have”", "“human error”")
	_, again := s.get(strings.TrimSuffix(loc, "?saved=1"))
	if strings.Contains(again, "Language notes") {
		t.Error("notes are shown after a save, not to every reader")
	}
}

func TestDeleteNeedsTheVersionShown(t *testing.T) {
	s := newSite(t)
	_, loc, _ := s.post("/postmortems", filledForm())
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	_, view := s.get("/postmortems/" + id)
	mustContain(t, view, `href="/postmortems/`+id+`/delete"`)
	_, confirm := s.get("/postmortems/" + id + "/delete")
	mustContain(t, confirm, `<input type="hidden" name="version" value="1">`, `name="confirm" value="yes"`, "restore it from the trash for 30 days")
	// Without the confirmation, a post only asks.
	if code, _, body := s.post("/postmortems/"+id+"/delete", url.Values{"version": {"1"}}); code != http.StatusOK || !strings.Contains(body, "restore it from the trash for 30 days") {
		t.Fatalf("an unconfirmed delete: %d", code)
	}
	if code, _, body := s.post("/postmortems/"+id+"/delete", url.Values{"version": {"0"}, "confirm": {"yes"}}); code != http.StatusConflict || !strings.Contains(body, "not deleted") {
		t.Fatalf("a stale delete: %d", code)
	}
	if code, loc, _ := s.post("/postmortems/"+id+"/delete", url.Values{"version": {"1"}, "confirm": {"yes"}}); code != http.StatusSeeOther || loc != "/trash?flash=deleted" {
		t.Fatalf("delete: %d %q", code, loc)
	}
	if code, _ := s.get("/postmortems/" + id); code != http.StatusNotFound {
		t.Fatalf("after delete: %d", code)
	}
}

func TestListPaging(t *testing.T) {
	s := newSite(t)
	for i := range 30 {
		p := &hindsight.PostMortem{Title: fmt.Sprintf("Incident %02d", i), Severity: "SEV3", Tags: []string{"paging test"}}
		if err := s.svc.Create(s.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	path := "/?severity=SEV3&tag=paging+test"
	for pages := 0; path != "" && pages < 5; pages++ {
		_, body := s.get(path)
		for _, m := range regexp.MustCompile(`>(Incident \d\d)</a>`).FindAllStringSubmatch(body, -1) {
			if seen[m[1]] {
				t.Fatalf("%s listed twice", m[1])
			}
			seen[m[1]] = true
		}
		path = ""
		if m := regexp.MustCompile(`href="(/\?[^"]+)" rel="next"`).FindStringSubmatch(body); m != nil {
			path = html.UnescapeString(m[1])
			if !strings.Contains(path, "severity=SEV3") || !strings.Contains(path, "tag=paging+test") {
				t.Fatalf("the next page lost the filters: %q", path)
			}
		}
	}
	if len(seen) != 30 {
		t.Fatalf("paging showed %d of 30", len(seen))
	}
}
