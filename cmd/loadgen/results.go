package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Targets the run is held to: at 200 requests per second, views and saves
// answer within 100 ms at the 99th percentile, nothing fails, and the
// server's resident memory stays under 150 MB.
const (
	targetP99      = 100 * time.Millisecond
	targetPeakRSS  = 150 << 20
	targetedRoutes = "view save"
)

type results struct {
	mu      sync.Mutex
	took    map[string][]time.Duration
	errors  map[string]int
	elapsed time.Duration
	peakRSS int64
}

func newResults() *results {
	return &results{took: map[string][]time.Duration{}, errors: map[string]int{}}
}

// add records an answer: a connection error or a status of 500 or more
// is an error; a 412 (somebody saved first) is not.
func (r *results) add(route string, d time.Duration, status int, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.took[route] = append(r.took[route], d)
	if err != nil || status >= 500 || status == 0 || status == 429 {
		r.errors[route]++
	}
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(float64(len(s)-1)*p)]
}

// ok reports whether the targets were met.
func (r *results) ok() bool {
	for _, route := range strings.Fields(targetedRoutes) {
		if pct(r.took[route], .99) > targetP99 {
			return false
		}
	}
	for _, n := range r.errors {
		if n > 0 {
			return false
		}
	}
	return r.peakRSS == 0 || r.peakRSS < targetPeakRSS
}

func (r *results) print(w io.Writer, o options) {
	names := make([]string, 0, len(r.took))
	total := 0
	for k, v := range r.took {
		names = append(names, k)
		total += len(v)
	}
	slices.Sort(names)
	fmt.Fprintf(w, "%d requests in %s: %.0f requests/s (asked for %d)\n\n", total, r.elapsed, float64(total)/r.elapsed.Seconds(), o.rate)
	fmt.Fprintf(w, "%-10s %8s %10s %10s %10s %7s\n", "route", "count", "p50", "p99", "max", "errors")
	for _, n := range names {
		ds := r.took[n]
		fmt.Fprintf(w, "%-10s %8d %10s %10s %10s %7d\n", n, len(ds), pct(ds, .5).Round(100*time.Microsecond), pct(ds, .99).Round(100*time.Microsecond), pct(ds, 1).Round(100*time.Microsecond), r.errors[n])
	}
	if r.peakRSS > 0 {
		fmt.Fprintf(w, "\nserver peak resident memory: %d MB (target under %d MB)\n", r.peakRSS>>20, targetPeakRSS>>20)
	}
	verdict := "met"
	if !r.ok() {
		verdict = "NOT met"
	}
	fmt.Fprintf(w, "targets (p99 of %s under %s, no errors, memory): %s\n", targetedRoutes, targetP99, verdict)
}

// watchMemory samples the server's peak resident set (VmHWM) until
// stopped.
func watchMemory(pid int, r *results) func() {
	if pid == 0 {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			if b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status"); err == nil {
				for _, l := range strings.Split(string(b), "\n") {
					if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
						kb, _ := strconv.ParseInt(f[1], 10, 64)
						r.mu.Lock()
						r.peakRSS = max(r.peakRSS, kb<<10)
						r.mu.Unlock()
					}
				}
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done) }
}
