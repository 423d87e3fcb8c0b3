package server

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/logging"
	"hindsight/internal/sqlite"
)

// TestHealthAndReadiness: /healthz says the process is up; /readyz that
// the database answers and is fully migrated.
func TestHealthAndReadiness(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	in := serve(t, s)
	for _, p := range []string{"/healthz", "/readyz"} {
		if a := call(t, "GET", in.URL+p, "", "", nil); a.status != 200 {
			t.Fatalf("%s: %d %s", p, a.status, a.body)
		}
	}
	// A database an older binary set up, missing a migration, is not ready.
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	a := call(t, "GET", in.URL+"/readyz", "", "", nil)
	a.refused(t, "a database missing a migration", http.StatusServiceUnavailable, "")
	if !strings.Contains(string(a.body), "migrations not applied") {
		t.Errorf("readyz does not say why: %s", a.body)
	}
	if a := call(t, "GET", in.URL+"/healthz", "", "", nil); a.status != 200 {
		t.Fatalf("healthz follows the database: %d", a.status)
	}
}

// TestMetrics: admins (a read-only token will do) read the metrics —
// requests by route and status, latency, pools, cache, post-mortems — and
// nobody else.
func TestMetrics(t *testing.T) {
	in := newServer(t)
	admin := in.token(t, "ops@example.com", hindsight.Admin)
	editor := in.token(t, "dev@example.com", hindsight.Editor)
	cli := hindsight.CommandLine(t.Context())
	p := &hindsight.PostMortem{Title: "Counted"}
	in.svc.Create(cli, p)
	b := in.signIn(t, "reader@example.com", hindsight.Viewer)
	get(t, b, in.URL+"/postmortems/"+p.ID)
	get(t, b, in.URL+"/postmortems/"+p.ID)
	call(t, "GET", in.URL+"/metrics", "", "", nil).refused(t, "metrics for nobody", http.StatusUnauthorized, "")
	call(t, "GET", in.URL+"/metrics", editor, "", nil).refused(t, "metrics for an editor", http.StatusForbidden, "")
	a := call(t, "GET", in.URL+"/metrics", admin, "", nil)
	for _, want := range []string{
		`hindsight_http_requests_total{method="GET",route="/postmortems/{id}",status="200"} 2`,
		`hindsight_http_request_duration_seconds_bucket{route="/postmortems/{id}"`,
		`hindsight_cache_lookups_total{cache="view",result="hit"} 1`,
		`hindsight_cache_lookups_total{cache="view",result="miss"} 1`,
		`hindsight_postmortems{status="draft"} 1`,
		`go_sql_open_connections{db_name="sqlite_read"}`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(string(a.body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Unknown paths do not make new series.
	for i := range 5 {
		get(t, b, in.URL+"/no/such/page/"+strings.Repeat("x", i))
	}
	a = call(t, "GET", in.URL+"/metrics", admin, "", nil)
	if strings.Contains(string(a.body), "no/such") || !strings.Contains(string(a.body), `route="unmatched"`) {
		t.Error("unknown paths made their own series")
	}
}

// TestRequestIDs: every answer carries a request id, problem documents
// name it, and the log line of the request does too.
func TestRequestIDs(t *testing.T) {
	var logs bytes.Buffer
	logger, err := logging.New(&logs, "json", "info")
	if err != nil {
		t.Fatal(err)
	}
	old := slog.Default()
	slog.SetDefault(logger)
	defer slog.SetDefault(old)
	in := newServer(t)
	a := call(t, "GET", in.URL+"/api/v1/postmortems", "", "", nil)
	id := a.header.Get("X-Request-Id")
	var p struct {
		RequestID string `json:"request_id"`
	}
	json.Unmarshal(a.body, &p)
	if len(id) < 8 || p.RequestID != id {
		t.Fatalf("request id %q, problem's %q", id, p.RequestID)
	}
	req, _ := http.NewRequest("GET", in.URL+"/healthz", nil)
	req.Header.Set("X-Request-Id", "from-the-proxy-123")
	res, _ := http.DefaultClient.Do(req)
	res.Body.Close()
	if res.Header.Get("X-Request-Id") != "from-the-proxy-123" {
		t.Errorf("a proxy's request id was not kept: %q", res.Header.Get("X-Request-Id"))
	}
	req.Header.Set("X-Request-Id", "<script>")
	res, _ = http.DefaultClient.Do(req)
	res.Body.Close()
	if res.Header.Get("X-Request-Id") == "<script>" {
		t.Error("a malformed request id was echoed")
	}
	found := false
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, `"request_id":"`+id+`"`) && strings.Contains(l, `"msg":"request"`) && strings.Contains(l, `"status":401`) {
			found = json.Valid([]byte(l))
		}
	}
	if !found {
		t.Fatalf("no log line of the request with its id %s:\n%s", id, logs.String())
	}
}
