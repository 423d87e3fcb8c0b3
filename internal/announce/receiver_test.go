package announce_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"hindsight/internal/webhook"
)

// receiver is a real HTTP endpoint that checks every delivery's signature
// as a receiver should — refusing bad and stale ones, and replays of one
// it has taken — and records what it took. fail, when set, decides the answer to each delivery before it is
// recorded.
type receiver struct {
	*httptest.Server
	secret string
	mu     sync.Mutex
	got    []delivery
	bad    int
	fail   func(n int) (status int, delay time.Duration)
	calls  int
	// refuseReplays refuses a signature already taken (409), as a
	// receiver may; seen are those taken.
	refuseReplays bool
	seen          map[string]bool
}

type delivery struct {
	Event, ID, Signature string
	Body                 []byte
}

func newReceiver(t *testing.T, secret string) *receiver {
	rc := &receiver{secret: secret, seen: map[string]bool{}}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := webhook.Verify(rc.secret, r.Header.Get(webhook.SignatureHeader), body, time.Now(), 5*time.Minute); err != nil {
			rc.mu.Lock()
			rc.bad++
			rc.mu.Unlock()
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		rc.mu.Lock()
		sig := r.Header.Get(webhook.SignatureHeader)
		if rc.refuseReplays && rc.seen[sig] {
			rc.mu.Unlock()
			http.Error(w, "replayed", http.StatusConflict)
			return
		}
		rc.calls++
		n, fail := rc.calls, rc.fail
		rc.mu.Unlock()
		if fail != nil {
			if status, delay := fail(n); status != 0 {
				time.Sleep(delay)
				http.Error(w, "not now", status)
				return
			} else if delay > 0 {
				time.Sleep(delay)
			}
		}
		rc.mu.Lock()
		rc.seen[sig] = true
		rc.got = append(rc.got, delivery{Event: r.Header.Get(webhook.EventHeader), ID: r.Header.Get(webhook.DeliveryHeader), Signature: sig, Body: body})
		rc.mu.Unlock()
		w.Write([]byte("ok"))
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) deliveries() []delivery {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]delivery(nil), rc.got...)
}

// waitFor polls cond until it holds or the bound passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
