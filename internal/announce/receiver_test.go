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
// as a receiver should (refusing bad and stale ones) and records what it
// took. fail, when set, decides the answer to each delivery before it is
// recorded.
type receiver struct {
	*httptest.Server
	secret string
	mu     sync.Mutex
	got    []delivery
	bad    int
	fail   func(n int) (status int, delay time.Duration)
	calls  int
}

type delivery struct {
	Event, ID string
	Body      []byte
}

func newReceiver(t *testing.T, secret string) *receiver {
	rc := &receiver{secret: secret}
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
		rc.got = append(rc.got, delivery{Event: r.Header.Get(webhook.EventHeader), ID: r.Header.Get(webhook.DeliveryHeader), Body: body})
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
