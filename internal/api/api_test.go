package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/api"
	"hindsight/internal/auth"
	"hindsight/internal/enginetest"
)

// engines runs a test against the API on each storage engine.
func engines(t *testing.T, test func(t *testing.T, c *client)) {
	enginetest.Stores(t, func(t *testing.T, s hindsight.Store, _ bool) { test(t, newClient(t, s)) })
}

// client calls the API as a user, with that user's API token, through
// the same authentication a server puts in front of it.
type client struct {
	t     *testing.T
	url   string
	svc   *hindsight.Service
	token string
}

func newClient(t *testing.T, s hindsight.Store, edit ...func(*api.Options)) *client {
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	sessions := auth.NewSessions(svc, auth.SessionOptions{Idle: time.Hour, Lifetime: time.Hour})
	opts := api.Options{MaxBodyBytes: 64 << 10, MaxUploadBytes: 32 << 10}
	for _, e := range edit {
		e(&opts)
	}
	h := auth.NewAuthenticator(svc, sessions, nil).Middleware(api.New(svc, opts))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := &client{t: t, url: srv.URL, svc: svc}
	c.token = c.tokenFor("Amara Okafor", hindsight.Editor)
	return c
}

// tokenFor adds a user with that name and role and returns an API token
// of theirs.
func (c *client) tokenFor(name string, role hindsight.UserRole) string {
	c.t.Helper()
	cli := hindsight.CommandLine(c.t.Context())
	u, err := c.svc.AddUser(cli, hindsight.NewUser{Email: strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@example.com", Name: name, Role: role})
	if err != nil {
		c.t.Fatal(err)
	}
	_, secret, err := c.svc.CreateTokenFor(cli, u.ID, hindsight.NewToken{Name: "test"})
	if err != nil {
		c.t.Fatal(err)
	}
	return secret
}

// as is the same API called with another token ("" for nobody).
func (c *client) as(token string) *client {
	d := *c
	d.token = token
	return &d
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response is not JSON (%v): %s", err, r.body)
	}
}

// problem decodes an RFC 9457 body and checks it names field.
func (r response) problem(t *testing.T, status int, field string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	var p struct {
		Title  string                 `json:"title"`
		Errors []hindsight.FieldError `json:"errors"`
	}
	r.json(t, &p)
	if field == "" {
		return
	}
	for _, e := range p.Errors {
		if e.Field == field && e.Message != "" {
			return
		}
	}
	t.Fatalf("problem does not name %q: %s", field, r.body)
}

func (c *client) do(method, path, contentType string, body []byte, header ...string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.url+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, b}
}

func (c *client) create(body string) (hindsight.PostMortem, response) {
	c.t.Helper()
	res := c.do("POST", "/api/v1/postmortems", "application/json", []byte(body))
	if res.status != http.StatusCreated {
		c.t.Fatalf("create: %d %s", res.status, res.body)
	}
	var p hindsight.PostMortem
	res.json(c.t, &p)
	return p, res
}

// count is how many post-mortems are stored, to prove a refused write
// wrote nothing.
func (c *client) count() int {
	c.t.Helper()
	page, err := c.svc.List(hindsight.CommandLine(c.t.Context()), hindsight.ListFilter{Limit: hindsight.MaxPageSize})
	if err != nil {
		c.t.Fatal(err)
	}
	return len(page.Items)
}

const sampleJSON = `{
  "title": "Checkout payments timed out",
  "severity": "SEV2",
  "tags": ["payments"],
  "incident": {"started_at": "2026-03-10T09:42:00Z", "detected_at": "2026-03-10T09:58:00Z", "ended_at": "2026-03-10T11:05:00+00:00"},
  "meeting": {"date": "2026-03-12T14:00:00Z", "contact": "Priya Raman"},
  "events": [{"at": "2026-03-10T09:40:00Z", "reported_by": "Jonas", "kind": "action", "text": "Config deployed"}],
  "countermeasures": [{"title": "Alert on pool saturation", "priority": "P1", "owner": "Priya", "due": "2026-04-01"}],
  "metrics": {"time_to_detect_seconds": 1}
}`

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "markdown", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCreateGet(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		p, res := c.create(sampleJSON)
		if loc := res.header.Get("Location"); loc != "/api/v1/postmortems/"+p.ID {
			t.Errorf("Location %q", loc)
		}
		if res.header.Get("ETag") != `"1"` || p.Version != 1 {
			t.Errorf("ETag %q version %d", res.header.Get("ETag"), p.Version)
		}
		if m := p.Metrics; m.TimeToDetectSeconds == nil || *m.TimeToDetectSeconds != 960 || *m.TimeToResolveSeconds != 4980 || *m.TimeToPostmortemSeconds != 183300 {
			t.Errorf("metrics must be derived, not taken from the body: %+v", m)
		}
		got := c.do("GET", "/api/v1/postmortems/"+p.ID, "", nil)
		if got.status != 200 || got.header.Get("ETag") != `"1"` {
			t.Fatalf("get: %d %s", got.status, got.header.Get("ETag"))
		}
		var back hindsight.PostMortem
		got.json(t, &back)
		if back.Title != p.Title || back.Countermeasures[0].Due.String() != "2026-04-01" || back.Countermeasures[0].ID == "" {
			t.Errorf("got back %+v", back)
		}
		if c.do("GET", "/api/v1/postmortems/"+p.ID, "", nil, "If-None-Match", `"1"`).status != http.StatusNotModified {
			t.Error("a current If-None-Match did not give 304")
		}
		c.do("GET", "/api/v1/postmortems/nope", "", nil).problem(t, 404, "")
	})
}

func TestUpdateNeedsCurrentVersion(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		p, _ := c.create(sampleJSON)
		path := "/api/v1/postmortems/" + p.ID
		first := strings.Replace(sampleJSON, "Checkout payments timed out", "First editor", 1)
		second := strings.Replace(sampleJSON, "Checkout payments timed out", "Second editor", 1)

		c.do("PUT", path, "application/json", []byte(first)).problem(t, http.StatusPreconditionRequired, "")
		res := c.do("PUT", path, "application/json", []byte(first), "If-Match", `"1"`)
		if res.status != 200 || res.header.Get("ETag") != `"2"` {
			t.Fatalf("first update: %d %s", res.status, res.body)
		}
		var updated hindsight.PostMortem
		res.json(t, &updated)
		if updated.UpdatedBy != "Amara Okafor" {
			t.Errorf("updated_by %q, want the requesting user", updated.UpdatedBy)
		}
		// The second editor also read version 1.
		stale := c.do("PUT", path, "application/json", []byte(second), "If-Match", `"1"`)
		stale.problem(t, http.StatusPreconditionFailed, "")
		var body struct {
			CurrentVersion int64                `json:"current_version"`
			Current        hindsight.PostMortem `json:"current"`
		}
		stale.json(t, &body)
		if body.CurrentVersion != 2 || body.Current.Title != "First editor" {
			t.Errorf("412 body must carry the current version and document: %s", stale.body)
		}
		stored, _ := c.svc.Get(hindsight.CommandLine(t.Context()), p.ID)
		if stored.Title != "First editor" || stored.Version != 2 {
			t.Errorf("stale write changed the stored post-mortem: %q v%d", stored.Title, stored.Version)
		}
		c.do("PUT", path, "application/json", []byte(second), "If-Match", `nonsense`).problem(t, 400, "If-Match")
		c.do("PUT", "/api/v1/postmortems/missing", "application/json", []byte(second), "If-Match", `"1"`).problem(t, 404, "")
	})
}

func TestDelete(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		p, _ := c.create(sampleJSON)
		path := "/api/v1/postmortems/" + p.ID
		c.do("DELETE", path, "", nil).problem(t, http.StatusPreconditionRequired, "")
		c.do("DELETE", path, "", nil, "If-Match", `"7"`).problem(t, http.StatusPreconditionFailed, "")
		if res := c.do("DELETE", path, "", nil, "If-Match", `"1"`); res.status != http.StatusNoContent {
			t.Fatalf("delete: %d %s", res.status, res.body)
		}
		c.do("GET", path, "", nil).problem(t, 404, "")
		c.do("DELETE", path, "", nil, "If-Match", `"1"`).problem(t, 404, "")
	})
}

// TestBadInput sends each kind of bad input the issue names: every one is a
// 4xx naming what is wrong, and nothing is written.
func TestBadInput(t *testing.T) {
	big := `{"title":"` + strings.Repeat("x", 70<<10) + `"}`
	tests := []struct {
		name, contentType, body string
		status                  int
		field                   string
	}{
		{"missing title", "application/json", `{"severity":"SEV2"}`, 422, "title"},
		{"end before start", "application/json", `{"title":"t","incident":{"started_at":"2026-03-10T10:00:00Z","ended_at":"2026-03-10T09:00:00Z"}}`, 422, "incident.ended_at"},
		{"detect before start", "application/json", `{"title":"t","incident":{"started_at":"2026-03-10T10:00:00Z","detected_at":"2026-03-10T09:00:00Z"}}`, 422, "incident.detected_at"},
		{"unknown severity", "application/json", `{"title":"t","severity":"SEV9"}`, 422, "severity"},
		{"unknown status", "application/json", `{"title":"t","status":"closed"}`, 422, "status"},
		{"unknown event kind", "application/json", `{"title":"t","events":[{"text":"x","kind":"blame"}]}`, 422, "events[0].kind"},
		{"malformed date", "application/json", `{"title":"t","incident":{"started_at":"yesterday"}}`, 400, "incident.started_at"},
		{"malformed nested date", "application/json", `{"title":"t","events":[{"text":"a"},{"text":"b","at":"10:00"}]}`, 400, "events[1].at"},
		{"malformed due date", "application/json", `{"title":"t","countermeasures":[{"title":"c","due":"next week"}]}`, 400, "countermeasures[0].due"},
		{"unknown field", "application/json", `{"title":"t","severty":"SEV2"}`, 400, "severty"},
		{"unknown nested field", "application/json", `{"title":"t","incident":{"start":"2026-03-10T10:00:00Z"}}`, 400, "incident.start"},
		{"wrong type", "application/json", `{"title":"t","tags":"payments"}`, 400, "tags"},
		{"body over the limit", "application/json", big, 413, ""},
		{"invalid UTF-8", "application/json", "{\"title\":\"caf\xe9\"}", 400, "body"},
		{"not JSON", "application/json", `{"title":`, 400, "body"},
		{"trailing garbage", "application/json", `{"title":"t"} {"title":"u"}`, 400, "body"},
		{"wrong content type", "text/plain", `{"title":"t"}`, 415, "Content-Type"},
		{"not an object", "application/json", `["title"]`, 400, "body"},
	}
	engines(t, func(t *testing.T, c *client) {
		for _, tt := range tests {
			res := c.do("POST", "/api/v1/postmortems", tt.contentType, []byte(tt.body))
			t.Run(tt.name, func(t *testing.T) { res.problem(t, tt.status, tt.field) })
		}
		if n := c.count(); n != 0 {
			t.Fatalf("refused requests wrote %d post-mortems", n)
		}
		// The same checks guard updates.
		p, _ := c.create(sampleJSON)
		c.do("PUT", "/api/v1/postmortems/"+p.ID, "application/json", []byte(`{"title":""}`), "If-Match", `"1"`).problem(t, 422, "title")
		if stored, _ := c.svc.Get(hindsight.CommandLine(t.Context()), p.ID); stored.Version != 1 {
			t.Fatal("a refused update changed the post-mortem")
		}
	})
}

func TestList(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		for i, sev := range []string{"SEV1", "SEV2", "SEV2"} {
			start := time.Date(2026, 3, 10+i, 9, 0, 0, 0, time.UTC).Format(time.RFC3339)
			c.create(`{"title":"Kafka lag ` + sev + `","severity":"` + sev + `","tags":["kafka"],"incident":{"started_at":"` + start + `","ended_at":"` + start + `"}}`)
		}
		var page struct {
			Items []struct {
				Title                string `json:"title"`
				Snippet              string `json:"snippet"`
				TimeToResolveSeconds *int64 `json:"time_to_resolve_seconds"`
			} `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		c.do("GET", "/api/v1/postmortems?severity=SEV2&limit=1", "", nil).json(t, &page)
		if len(page.Items) != 1 || page.NextCursor == "" || page.Items[0].TimeToResolveSeconds == nil {
			t.Fatalf("first page: %+v", page)
		}
		c.do("GET", "/api/v1/postmortems?severity=SEV2&limit=1&cursor="+page.NextCursor, "", nil).json(t, &page)
		if len(page.Items) != 1 || page.NextCursor != "" {
			t.Fatalf("second page: %+v", page)
		}
		c.do("GET", "/api/v1/postmortems?q=kafka&tag=kafka&from=2026-03-11&to=2026-03-11", "", nil).json(t, &page)
		if len(page.Items) != 1 || !strings.Contains(page.Items[0].Snippet, hindsight.HighlightStart) {
			t.Fatalf("search with filters: %+v", page)
		}
		for _, q := range []string{"limit=0", "limit=x", "from=yesterday", "to=2026-13-01", "cursor=zzz"} {
			field := strings.SplitN(q, "=", 2)[0]
			res := c.do("GET", "/api/v1/postmortems?"+q, "", nil)
			t.Run(q, func(t *testing.T) { res.problem(t, 400, field) })
		}
	})
}

func TestMarkdownImportExport(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		sample := readSample(t, "checkout-payment-timeouts.md")
		res := c.do("POST", "/api/v1/postmortems/import", "text/markdown", sample)
		if res.status != http.StatusCreated || res.header.Get("Location") == "" || res.header.Get("ETag") != `"1"` {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		var p hindsight.PostMortem
		res.json(t, &p)
		if p.Title != "Checkout payments timed out after connection pool change" || len(p.Events) != 8 || *p.Metrics.TimeToResolveSeconds != 83*60 {
			t.Fatalf("imported %q with %d events", p.Title, len(p.Events))
		}
		out := c.do("GET", "/api/v1/postmortems/"+p.ID+"/markdown", "", nil)
		if out.status != 200 || !strings.HasPrefix(out.header.Get("Content-Type"), "text/markdown") {
			t.Fatalf("export: %d %s", out.status, out.header.Get("Content-Type"))
		}
		for _, line := range []string{"# Checkout payments timed out after connection pool change", "| Start Time  | 2026-03-10 09:42 UTC ",
			"- 10:25 UTC — Investigation: thread dumps show all workers waiting for a pooled connection (Priya Raman)", "PAY-1423, PAY-1427", "payments, checkout, configuration, connection-pool"} {
			if !strings.Contains(string(out.body), line) {
				t.Errorf("export lacks %q", line)
			}
		}
		// Any document is imported, as a draft, with a report.
		blank := c.do("POST", "/api/v1/postmortems/import?name=blank-template.md", "text/markdown", readSample(t, "blank-template.md"))
		var imp struct {
			Title, Status string
			ImportReport  struct{ Assumed []string } `json:"import_report"`
		}
		blank.json(t, &imp)
		if blank.status != http.StatusCreated || imp.Title != "blank template" || imp.Status != "draft" || len(imp.ImportReport.Assumed) == 0 {
			t.Fatalf("blank template: %d %s", blank.status, blank.body)
		}
		shaped := c.do("POST", "/api/v1/postmortems/import?accept_proposed_times=true", "text/markdown",
			[]byte("# Outage\n\n## Timeline (all times in CET)\n\n- 2026-03-10 23:10 — Alert fired\n- 23:40 — Service recovered\n"))
		var got hindsight.PostMortem
		shaped.json(t, &got)
		if shaped.status != http.StatusCreated || got.Incident.StartedAt == nil || got.Incident.StartedAt.Format("15:04") != "22:10" || got.Incident.EndedAt.Format("15:04") != "22:40" {
			t.Fatalf("proposed times in CET: %d %s", shaped.status, shaped.body)
		}
		c.do("POST", "/api/v1/postmortems/import", "application/pdf", sample).problem(t, 415, "Content-Type")
	})
}

func TestAttachments(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		p, _ := c.create(sampleJSON)
		png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...)
		res := c.do("POST", "/api/v1/postmortems/"+p.ID+"/attachments", "image/png", png)
		if res.status != http.StatusCreated {
			t.Fatalf("upload: %d %s", res.status, res.body)
		}
		var a struct{ URL string }
		res.json(t, &a)
		got := c.do("GET", strings.TrimPrefix(a.URL, ""), "", nil)
		if got.status != 200 || got.header.Get("Content-Type") != "image/png" || !bytes.Equal(got.body, png) {
			t.Fatalf("download: %d %s", got.status, got.header.Get("Content-Type"))
		}
		c.do("POST", "/api/v1/postmortems/"+p.ID+"/attachments", "image/png", []byte("<script>alert(1)</script>")).problem(t, 415, "file")
		c.do("POST", "/api/v1/postmortems/"+p.ID+"/attachments", "image/png", append(png, make([]byte, 40<<10)...)).problem(t, 413, "")
		c.do("POST", "/api/v1/postmortems/missing/attachments", "image/png", png).problem(t, 404, "")
	})
}

func TestLint(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		var doc struct {
			Findings []struct {
				Rule, Field string
				Line        int
			}
		}
		res := c.do("POST", "/api/v1/lint", "text/markdown", []byte("# T\n\nIt was human error.\n"))
		res.json(t, &doc)
		if res.status != 200 || len(doc.Findings) == 0 || doc.Findings[0].Rule != "blame" || doc.Findings[0].Line != 3 {
			t.Fatalf("markdown lint: %d %s", res.status, res.body)
		}
		res = c.do("POST", "/api/v1/lint", "application/json", []byte(`{"title":"t","events":[{"text":"We could have rolled back."}]}`))
		res.json(t, &doc)
		if res.status != 200 || doc.Findings[0].Field != "events[0].text" || doc.Findings[0].Rule != "counterfactual" {
			t.Fatalf("json lint: %d %s", res.status, res.body)
		}
		c.do("POST", "/api/v1/lint", "application/json", []byte(`{"title":1}`)).problem(t, 400, "title")
	})
}
