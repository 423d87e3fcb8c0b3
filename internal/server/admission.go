package server

import (
	"net/http"
	"strconv"
	"time"

	"hindsight/internal/problem"
)

// admission bounds how many requests are worked on at once. A request past
// the bound waits for a turn up to wait, and is answered 503 with
// Retry-After if none comes: however many clients arrive, the memory and
// database connections in use stay bounded, and under overload a client
// learns it in seconds instead of its request queueing until it times out
// while every other request slows down behind it.
//
// Reads and changes are admitted separately, each up to the limit: changes
// wait for the database's writer in turn, and a burst of them must not
// hold every slot while reads, which need no writer, wait behind them.
type admission struct {
	reads, changes chan struct{}
	wait           time.Duration
}

func newAdmission(limit int, wait time.Duration) *admission {
	return &admission{reads: make(chan struct{}, limit), changes: make(chan struct{}, limit), wait: wait}
}

// Middleware admits a request when a slot of its kind is free, queueing
// it up to the wait otherwise.
func (a *admission) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slots := a.changes
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			slots = a.reads
		}
		select {
		case slots <- struct{}{}:
		default:
			t := time.NewTimer(a.wait)
			select {
			case slots <- struct{}{}:
				t.Stop()
			case <-t.C:
				secs := max(1, int(a.wait.Seconds()))
				problem.Write(w, problem.Problem{Type: "about:blank", Title: "Server busy", Status: http.StatusServiceUnavailable, Instance: r.URL.Path,
					Detail: "every worker is busy: try again in " + strconv.Itoa(secs) + " s", RetryAfter: secs})
				return
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}
