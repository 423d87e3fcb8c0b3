package server

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
)

// TestDatabaseCutMidLoad cuts every connection to PostgreSQL while
// clients read and write: requests caught by the cut may fail, but the
// instance recovers by itself — no restart — and nothing it acknowledged
// is lost.
func TestDatabaseCutMidLoad(t *testing.T) {
	url := pgtest.URL(t)
	s, err := postgres.Open(t.Context(), url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cfg := config.Default()
	cfg.RateLimits = false
	in := &instance{nil, hindsight.NewService(s, hindsight.DefaultPolicy())}
	h, err := New(cfg, in.svc)
	if err != nil {
		t.Fatal(err)
	}
	in.Server = newTestServer(t, h)
	token := in.token(t, "ops@example.com", hindsight.Editor)

	var mu sync.Mutex
	var acked []string
	var failed, afterCut atomic.Int64
	var cut atomic.Bool
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				a := callQuiet("POST", in.URL+"/api/v1/postmortems", token, fmt.Sprintf(`{"title":"w%d-%d"}`, w, i))
				switch {
				case a.status == http.StatusCreated:
					var p hindsight.PostMortem
					json.Unmarshal(a.body, &p)
					mu.Lock()
					acked = append(acked, p.ID)
					mu.Unlock()
					if cut.Load() {
						afterCut.Add(1)
					}
				default:
					failed.Add(1)
				}
				callQuiet("GET", in.URL+"/api/v1/postmortems?limit=5", token, "")
			}
		})
	}
	time.Sleep(400 * time.Millisecond)
	admin := pgtest.Admin(t)
	defer admin.Close()
	name := url[strings.LastIndex(url, "/")+1:]
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}
	cut.Store(true)
	time.Sleep(1200 * time.Millisecond)
	close(stop)
	wg.Wait()
	t.Logf("%d writes acknowledged, %d requests failed at the cut, %d acknowledged after it", len(acked), failed.Load(), afterCut.Load())
	if afterCut.Load() < 10 {
		t.Fatalf("the instance did not recover after the cut: %d writes acknowledged after it", afterCut.Load())
	}
	// Quiet now: every request succeeds again.
	for i := range 10 {
		if a := callQuiet("GET", in.URL+"/api/v1/postmortems", token, ""); a.status != 200 {
			t.Fatalf("request %d after the cut: %d", i, a.status)
		}
	}
	if a := callQuiet("GET", in.URL+"/readyz", "", ""); a.status != 200 {
		t.Fatalf("not ready after the cut: %d", a.status)
	}
	cli := hindsight.CommandLine(t.Context())
	for _, id := range acked {
		if _, err := in.svc.Get(cli, id); err != nil {
			t.Fatalf("acknowledged write %s lost: %v", id, err)
		}
	}
}

// TestDiskFull fills the disk under a SQLite database: the write that does
// not fit is answered 507 saying so, and the database still opens, whole,
// with everything acknowledged before.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mounting a small disk is required under CI=true (as root): %v %s", err, out)
		}
		t.Skipf("cannot mount a small disk here (needs root): %v", err)
	}
	defer exec.Command("umount", "-l", dir).Run()
	path := filepath.Join(dir, "h.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := serve(t, s)
	token := in.token(t, "ops@example.com", hindsight.Editor)
	var acked []string
	var full answer
	for i := range 2000 {
		a := callQuiet("POST", in.URL+"/api/v1/postmortems", token, fmt.Sprintf(`{"title":"Fill %d","summary":"%s"}`, i, strings.Repeat("words that take room ", 400)))
		if a.status != http.StatusCreated {
			full = a
			break
		}
		var p hindsight.PostMortem
		json.Unmarshal(a.body, &p)
		acked = append(acked, p.ID)
	}
	if full.status != http.StatusInsufficientStorage || !strings.Contains(string(full.body), "disk is full") {
		t.Fatalf("after %d writes: %d %s, want 507 saying the disk is full", len(acked), full.status, full.body)
	}
	if a := callQuiet("GET", in.URL+"/api/v1/postmortems", token, ""); a.status != 200 {
		t.Fatalf("reading on a full disk: %d", a.status)
	}
	s.Close()
	s, err = sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("the database does not open after the disk filled: %v", err)
	}
	defer s.Close()
	db, _ := sql.Open("sqlite", "file:"+path+"?mode=ro")
	defer db.Close()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity after a full disk: %q %v", ok, err)
	}
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	for _, id := range acked {
		if _, err := svc.Get(hindsight.CommandLine(t.Context()), id); err != nil {
			t.Fatalf("acknowledged write %s lost: %v", id, err)
		}
	}
	t.Logf("%d writes fit on a 3 MiB disk; the next was refused with 507", len(acked))
}

// callQuiet makes a request and reads the answer, treating a failed
// connection as status 0.
func callQuiet(method, url, token, body string) answer {
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{}
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return answer{status: res.StatusCode, header: res.Header, body: []byte(b.String())}
}
