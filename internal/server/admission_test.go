package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/config"
)

// TestAdmission holds the only change worker with a request whose body is
// still arriving: a read is still served, the next change waits its turn
// and is answered 503 with Retry-After once the queue wait is over, and a
// change after the first one finishes is served.
func TestAdmission(t *testing.T) {
	in := newServer(t, func(c *config.Config) { c.MaxRequests, c.QueueWait = 1, 300*time.Millisecond })
	token := in.token(t, "busy@example.com", hindsight.Editor)
	create := func() answer {
		return call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", strings.NewReader(`{"title":"Cache stampede"}`))
	}

	body, feed := io.Pipe()
	first := make(chan answer, 1)
	go func() {
		first <- call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", body)
	}()
	feed.Write([]byte(`{"title":`))
	// Once the first change holds the only worker, the next waits and is
	// turned away.
	var busy answer
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if busy = create(); busy.status == http.StatusServiceUnavailable {
			break
		}
	}
	if busy.status != http.StatusServiceUnavailable || busy.header.Get("Retry-After") == "" ||
		!strings.HasPrefix(busy.header.Get("Content-Type"), "application/problem+json") || busy.took < 300*time.Millisecond {
		t.Fatalf("a change while the worker is busy: %d %v after %v: %s", busy.status, busy.header, busy.took, busy.body)
	}
	if a := call(t, "GET", in.URL+"/api/v1/postmortems", token, "", nil); a.status != http.StatusOK {
		t.Fatalf("a read while the change worker is busy: %d after %v", a.status, a.took)
	}
	if h := call(t, "GET", in.URL+"/healthz", "", "", nil); h.status != http.StatusOK {
		t.Fatalf("health check while busy: %d", h.status)
	}
	feed.Write([]byte(`"Queue backlog"}`))
	feed.Close()
	if a := <-first; a.status != http.StatusCreated {
		t.Fatalf("first change: %d %s", a.status, a.body)
	}
	if a := create(); a.status != http.StatusCreated {
		t.Fatalf("a change after the worker is free: %d %s", a.status, a.body)
	}
}

// TestAdmissionKeepsReportsApart fills every report slot with reports
// that wait (as requests do for an insights build): pages and other reads
// are still served at once, and the next report waits its turn and is
// turned away with 503 when none comes.
func TestAdmissionKeepsReportsApart(t *testing.T) {
	release := make(chan struct{})
	a := newAdmission(1, 200*time.Millisecond)
	srv := httptest.NewServer(a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			<-release
		}
		io.WriteString(w, "ok")
	})))
	defer srv.Close()
	get := func(path string) int {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	held := make(chan int, cap(a.reports))
	for _, path := range []string{"/insights", "/calendar.ics"}[:cap(a.reports)] {
		go func() { held <- get(path) }()
	}
	for deadline := time.Now().Add(5 * time.Second); len(a.reports) < cap(a.reports); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("reports admitted: %d of %d", len(a.reports), cap(a.reports))
		}
	}
	start := time.Now()
	if s := get("/"); s != http.StatusOK || time.Since(start) > 150*time.Millisecond {
		t.Fatalf("a page while every report slot is held: %d after %v", s, time.Since(start))
	}
	if s := get("/api/v1/insights"); s != http.StatusServiceUnavailable {
		t.Fatalf("a report while every report slot is held: %d, want 503", s)
	}
	close(release)
	for range cap(a.reports) {
		if s := <-held; s != http.StatusOK {
			t.Fatalf("a held report: %d", s)
		}
	}
}
