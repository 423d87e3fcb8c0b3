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
type admission struct {
	slots chan struct{}
	wait  time.Duration
}

func newAdmission(limit int, wait time.Duration) *admission {
	return &admission{slots: make(chan struct{}, limit), wait: wait}
}

// Middleware admits a request when a slot is free, queueing it up to the
// wait otherwise.
func (a *admission) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case a.slots <- struct{}{}:
		default:
			t := time.NewTimer(a.wait)
			select {
			case a.slots <- struct{}{}:
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
		defer func() { <-a.slots }()
		next.ServeHTTP(w, r)
	})
}
