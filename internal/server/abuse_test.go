package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
)

// The abuse suite: each test is a request that once cost minutes of CPU,
// gigabytes of memory or a 500, and must now be refused cheaply with a
// problem document naming what is wrong.

// engines runs a test against the whole product on each storage engine,
// with an editor's API token.
func engines(t *testing.T, test func(t *testing.T, in *instance, token string)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		in := serve(t, s)
		test(t, in, in.token(t, "abuse@example.com", hindsight.Editor))
	})
	t.Run("postgres", func(t *testing.T) {
		s, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		in := serve(t, s)
		test(t, in, in.token(t, "abuse@example.com", hindsight.Editor))
	})
}

func serve(t *testing.T, s hindsight.Store) *instance {
	cfg := config.Default()
	cfg.MaxUploadBytes = 64 << 10
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	h, err := New(cfg, svc)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &instance{srv, svc}
}

// token adds a user and returns an API token of theirs.
func (in *instance) token(t *testing.T, email string, role hindsight.UserRole) string {
	t.Helper()
	cli := hindsight.CommandLine(t.Context())
	u, err := in.svc.AddUser(cli, hindsight.NewUser{Email: email, Name: email, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := in.svc.CreateTokenFor(cli, u.ID, hindsight.NewToken{Name: "abuse"})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

type answer struct {
	status int
	header http.Header
	body   []byte
	took   time.Duration
}

// call makes a request with the token and reads the whole answer.
func call(t *testing.T, method, url, token, contentType string, body io.Reader) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header, b, time.Since(start)}
}

// refused checks a problem document with status naming field.
func (a answer) refused(t *testing.T, what string, status int, field string) {
	t.Helper()
	var p struct {
		Status int                    `json:"status"`
		Errors []hindsight.FieldError `json:"errors"`
	}
	if a.status != status || a.header.Get("Content-Type") != "application/problem+json" || json.Unmarshal(a.body, &p) != nil || p.Status != status {
		t.Errorf("%s: %d %s %s, want a %d problem document", what, a.status, a.header.Get("Content-Type"), a.body, status)
		return
	}
	if field == "" {
		return
	}
	for _, e := range p.Errors {
		if e.Field == field {
			return
		}
	}
	t.Errorf("%s: the problem does not name %q: %s", what, field, a.body)
}

// 1. A search of thousands of words is refused at once, not run.
func TestAbuseLongSearch(t *testing.T) {
	engines(t, func(t *testing.T, in *instance, token string) {
		words := strings.Repeat("deploy database timeout ", 700)
		a := call(t, "GET", in.URL+"/api/v1/postmortems?q="+strings.ReplaceAll(words, " ", "+"), token, "", nil)
		a.refused(t, "2,100-word search", http.StatusBadRequest, "q")
		call(t, "GET", in.URL+"/api/v1/postmortems?q="+strings.Repeat("a-", 20), token, "", nil).refused(t, "20 words joined by hyphens", http.StatusBadRequest, "q")
		if a := call(t, "GET", in.URL+"/api/v1/postmortems?q=deploy+database", token, "", nil); a.status != 200 {
			t.Errorf("an ordinary search: %d", a.status)
		}
	})
}

// 2. Years outside a sane range are refused, so insights cannot be made
// to span thousands of months.
func TestAbuseFarYears(t *testing.T) {
	engines(t, func(t *testing.T, in *instance, token string) {
		for _, at := range []string{"0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z"} {
			body := `{"title":"Far","incident":{"started_at":"` + at + `"}}`
			call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", strings.NewReader(body)).refused(t, "started in "+at, http.StatusUnprocessableEntity, "incident.started_at")
		}
		call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", strings.NewReader(`{"title":"Far","countermeasures":[{"title":"x","due":"9999-01-01"}]}`)).
			refused(t, "due in 9999", http.StatusUnprocessableEntity, "countermeasures[0].due")
	})
}

// 3. A verification note is bounded in size; the history of checks in
// count (the count is tested on the service, in the root package).
func TestAbuseHugeVerificationNote(t *testing.T) {
	engines(t, func(t *testing.T, in *instance, token string) {
		a := call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", strings.NewReader(`{"title":"Notes","countermeasures":[{"title":"x","status":"done"}]}`))
		var p hindsight.PostMortem
		json.Unmarshal(a.body, &p)
		url := in.URL + "/api/v1/postmortems/" + p.ID + "/countermeasures/" + p.Countermeasures[0].ID + "/verify"
		req := func(note string) answer {
			r, _ := http.NewRequest("POST", url, strings.NewReader(`{"note":"`+note+`"}`))
			r.Header.Set("Authorization", "Bearer "+token)
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("If-Match", `"1"`)
			res, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return answer{status: res.StatusCode, header: res.Header, body: b}
		}
		req(strings.Repeat("x", 3000)).refused(t, "a 3,000-byte note", http.StatusUnprocessableEntity, "note")
		req(strings.Repeat("x", 2<<20)).refused(t, "a 2 MiB note", http.StatusRequestEntityTooLarge, "")
	})
}

// 5. A request body trickled a byte at a time is cut off once the read
// time is up; the server is not held.
func TestAbuseSlowBody(t *testing.T) {
	in := newServer(t)
	l := DefaultLimits()
	l.Read, l.ReadHeader = 300*time.Millisecond, 300*time.Millisecond
	ln, err := Listen("127.0.0.1:0", l)
	if err != nil {
		t.Fatal(err)
	}
	srv := HTTPServer(in.Config.Handler, l)
	go srv.Serve(ln)
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n")
	start := time.Now()
	for time.Since(start) < 3*time.Second {
		if _, err := conn.Write([]byte("x")); err != nil {
			break
		}
		conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		if _, err := bufio.NewReader(conn).ReadByte(); err == io.EOF {
			break
		}
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("a trickled body held the connection for %v with a 300 ms read limit", took)
	}
}

// 6. A large body to a small form is refused after its limit, not read
// whole; a post-mortem's images are bounded in number and size.
func TestAbuseLargeBodies(t *testing.T) {
	in := newServer(t)
	b := in.signIn(t, "mei@example.com", hindsight.Editor)
	big := bytes.NewReader(make([]byte, 20<<20))
	req, _ := http.NewRequest("POST", in.URL+"/postmortems/x/delete", big)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := b.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(res.Body)
	res.Body.Close()
	// The server stops reading at the form's limit and closes the
	// connection.
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(msg), fmt.Sprintf("larger than the %d bytes", maxFormBytes)) || !res.Close {
		t.Fatalf("a 20 MiB delete form: %d %s (close %v), want 413 at the form limit", res.StatusCode, msg, res.Close)
	}

	// An upload over the limit through the web page is 413 too.
	p := &hindsight.PostMortem{Title: "Images"}
	ctx := hindsight.CommandLine(t.Context())
	in.svc.Create(ctx, p)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("alt", "a graph")
	fw, _ := mw.CreateFormFile("file", "big.png")
	fw.Write(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 6<<20)...))
	mw.Close()
	req, _ = http.NewRequest("POST", in.URL+"/postmortems/"+p.ID+"/images", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if res, err := b.Do(req); err != nil || res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("an upload over the limit: %v %v, want 413", res, err)
	}
	png := []byte("\x89PNG\r\n\x1a\nimage")
	for i := range hindsight.MaxAttachments {
		if err := in.svc.AddAttachment(ctx, &hindsight.Attachment{PostMortemID: p.ID, Filename: fmt.Sprint(i, ".png"), Data: png}); err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
	}
	if err := in.svc.AddAttachment(ctx, &hindsight.Attachment{PostMortemID: p.ID, Filename: "one-more.png", Data: png}); err == nil {
		t.Fatalf("image %d was accepted", hindsight.MaxAttachments+1)
	}
}

// 8. Text that is not UTF-8, or holds a NUL, is refused with 400 naming
// where it is, identically on both engines — never a 500 from deep inside
// PostgreSQL, never stored by SQLite.
func TestAbuseBadText(t *testing.T) {
	engines(t, func(t *testing.T, in *instance, token string) {
		a := call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", strings.NewReader(`{"title":"Clean","countermeasures":[{"title":"x","status":"done"}]}`))
		var p hindsight.PostMortem
		json.Unmarshal(a.body, &p)
		id, cm := p.ID, p.Countermeasures[0].ID
		for _, path := range []string{
			"/api/v1/postmortems?tag=%00", "/api/v1/postmortems?q=%ff", "/api/v1/postmortems?severity=a%00b", "/api/v1/postmortems?status=%c3",
			"/api/v1/postmortems?cursor=%00", "/api/v1/countermeasures?owner=%00", "/api/v1/countermeasures?tag=%ff", "/api/v1/insights?tag=%00",
			"/api/v1/insights.csv?severity=%ff", "/api/v1/meetings/late?tag=%00", "/api/v1/audit?actor=%00",
			"/api/v1/postmortems/%00", "/api/v1/postmortems/" + id + "%ff/markdown", "/api/v1/postmortems/" + id + "/attachments/%00", "/calendar.ics?owner=%00",
		} {
			a := call(t, "GET", in.URL+path, token, "", nil)
			if a.status != http.StatusBadRequest || !strings.Contains(string(a.body), "NUL") {
				t.Errorf("GET %s: %d %s, want 400 naming the bad text", path, a.status, a.body)
			}
		}
		for _, w := range []struct{ method, path, body, field string }{
			{"POST", "/api/v1/postmortems", `{"title":"a\u0000b"}`, "title"},
			{"PUT", "/api/v1/postmortems/" + id, `{"title":"ok","countermeasures":[{"id":"` + cm + `\u0000","title":"x"}]}`, "countermeasures[0].id"},
			{"POST", "/api/v1/postmortems/" + id + "/countermeasures/" + cm + "/verify", `{"note":"a\u0000"}`, "note"},
			{"POST", "/api/v1/tokens", `{"name":"\u0000"}`, "name"},
			{"POST", "/api/v1/postmortems/%00/countermeasures/x/status", `{"status":"done"}`, "path"},
		} {
			req, _ := http.NewRequest(w.method, in.URL+w.path, strings.NewReader(w.body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", `"1"`)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			answer{status: res.StatusCode, header: res.Header, body: b}.refused(t, w.method+" "+w.path, http.StatusBadRequest, w.field)
		}
		// A file name that is not UTF-8 is made fit to keep; one with a
		// NUL is no file name at all.
		upload := func(name string) answer {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("file", name)
			fw.Write([]byte("\x89PNG\r\n\x1a\nimage"))
			mw.Close()
			return call(t, "POST", in.URL+"/api/v1/postmortems/"+id+"/attachments", token, mw.FormDataContentType(), &body)
		}
		if a := upload("graph\xff.png"); a.status != http.StatusCreated || !strings.Contains(string(a.body), `"filename":"graph_.png"`) {
			t.Errorf("an upload named with bad bytes: %d %s", a.status, a.body)
		}
		upload("graph\x00.png").refused(t, "an upload named with a NUL", http.StatusBadRequest, "file")
	})
}

// 9. A report whose first month has a post-mortem without severity draws
// its charts.
func TestAbuseSeverityChart(t *testing.T) {
	in := newServer(t)
	b := in.signIn(t, "mei@example.com", hindsight.Editor)
	ctx := hindsight.CommandLine(t.Context())
	jan, feb := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC)
	in.svc.Create(ctx, &hindsight.PostMortem{Title: "No severity", Incident: hindsight.Incident{StartedAt: &jan}})
	in.svc.Create(ctx, &hindsight.PostMortem{Title: "SEV1", Severity: "SEV1", Incident: hindsight.Incident{StartedAt: &feb}})
	if res := get(t, b, in.URL+"/insights"); res.StatusCode != 200 {
		t.Fatalf("insights: %d", res.StatusCode)
	}
}

// 10. Errors answer alike: query mistakes are 400 "Invalid request
// parameters", a cross-site post is a problem document, and ';' in a
// query is refused rather than silently dropping a filter.
func TestAbuseConsistentErrors(t *testing.T) {
	engines(t, func(t *testing.T, in *instance, token string) {
		a := call(t, "GET", in.URL+"/api/v1/postmortems?limit=x", token, "", nil)
		a.refused(t, "limit=x", http.StatusBadRequest, "limit")
		if !strings.Contains(string(a.body), "Invalid request parameters") {
			t.Errorf("query mistake titled %s", a.body)
		}
		call(t, "GET", in.URL+"/api/v1/postmortems?severity=SEV1;SEV2", token, "", nil).refused(t, "';' in a query", http.StatusBadRequest, "query")
		req, _ := http.NewRequest("POST", in.URL+"/api/v1/postmortems", strings.NewReader(`{"title":"x"}`))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		answer{status: res.StatusCode, header: res.Header, body: b}.refused(t, "a cross-site post", http.StatusForbidden, "")
	})
}

// Per-client limits: a burst of searches or changes beyond the limit is
// answered 429 with Retry-After; other clients are not affected.
func TestRateLimits(t *testing.T) {
	in := newServer(t)
	token := in.token(t, "busy@example.com", hindsight.Editor)
	seen := map[int]int{}
	var retry string
	for range searchLimit.burst + 10 {
		a := call(t, "GET", in.URL+"/api/v1/postmortems?q=deploy", token, "", nil)
		seen[a.status]++
		if a.status == http.StatusTooManyRequests {
			retry = a.header.Get("Retry-After")
			a.refused(t, "a search over the limit", http.StatusTooManyRequests, "")
		}
	}
	if seen[200] < searchLimit.burst || seen[http.StatusTooManyRequests] == 0 || retry == "" {
		t.Fatalf("searches: %v, Retry-After %q", seen, retry)
	}
	// Reading is not limited.
	if a := call(t, "GET", in.URL+"/api/v1/postmortems", token, "", nil); a.status != 200 {
		t.Fatalf("a read after the searches: %d", a.status)
	}
	seen = map[int]int{}
	for range writeLimit.burst + 10 {
		seen[call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", strings.NewReader(`{"title":"x"}`)).status]++
	}
	if seen[http.StatusCreated] < writeLimit.burst || seen[http.StatusTooManyRequests] == 0 {
		t.Fatalf("changes: %v", seen)
	}
}
