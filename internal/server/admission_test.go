package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/config"
)

// TestAdmission holds the only worker with a request whose body is still
// arriving: the next request waits its turn, is answered 503 with
// Retry-After once the queue wait is over, and a request after the first
// one finishes is served.
func TestAdmission(t *testing.T) {
	in := newServer(t, func(c *config.Config) { c.MaxRequests, c.QueueWait = 1, 300*time.Millisecond })
	token := in.token(t, "busy@example.com", hindsight.Editor)

	body, feed := io.Pipe()
	first := make(chan answer, 1)
	go func() {
		first <- call(t, "POST", in.URL+"/api/v1/postmortems", token, "application/json", body)
	}()
	feed.Write([]byte(`{"title":`))
	// Once the first request holds the only worker, the next waits and
	// is turned away.
	var busy answer
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if busy = call(t, "GET", in.URL+"/api/v1/postmortems", token, "", nil); busy.status != http.StatusOK {
			break
		}
	}
	if busy.status != http.StatusServiceUnavailable || busy.header.Get("Retry-After") == "" ||
		!strings.HasPrefix(busy.header.Get("Content-Type"), "application/problem+json") || busy.took < 300*time.Millisecond {
		t.Fatalf("second request while the worker is busy: %d %v after %v: %s", busy.status, busy.header, busy.took, busy.body)
	}
	if h := call(t, "GET", in.URL+"/healthz", "", "", nil); h.status != http.StatusOK {
		t.Fatalf("health check while busy: %d", h.status)
	}
	feed.Write([]byte(`"Queue backlog"}`))
	feed.Close()
	if a := <-first; a.status != http.StatusCreated {
		t.Fatalf("first request: %d %s", a.status, a.body)
	}
	if a := call(t, "GET", in.URL+"/api/v1/postmortems", token, "", nil); a.status != http.StatusOK {
		t.Fatalf("request after the worker is free: %d %s", a.status, a.body)
	}
}
