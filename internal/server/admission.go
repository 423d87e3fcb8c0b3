package server

import (
	"net/http"
	"strconv"
	"strings"
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
// Reports (reportPaths) have slots of their own, a quarter as many: one
// is built at a time over every post-mortem, in seconds at 100,000, and
// the requests waiting for it must not hold the slots of the pages
// around it.
type admission struct {
	reads, changes, reports chan struct{}
	wait                    time.Duration
}

func newAdmission(limit int, wait time.Duration) *admission {
	return &admission{reads: make(chan struct{}, limit), changes: make(chan struct{}, limit),
		reports: make(chan struct{}, max(2, limit/4)), wait: wait}
}

// reportPaths are the reads computed over every post-mortem.
var reportPaths = map[string]bool{
	"/insights": true, "/api/v1/insights": true, "/api/v1/insights.csv": true,
	"/api/v1/meetings/late": true, "/calendar.ics": true,
}

// slots are the slots r is admitted to.
func (a *admission) slots(r *http.Request) chan struct{} {
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		return a.changes
	case reportPaths[r.URL.Path] || strings.HasPrefix(r.URL.Path, "/calendar/"):
		return a.reports
	}
	return a.reads
}

// Middleware admits a request when a slot of its kind is free, queueing
// it up to the wait otherwise.
func (a *admission) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slots := a.slots(r)
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
