package server

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"hindsight/internal/problem"
)

// A limit is how often one client may make one kind of request: a steady
// rate and a burst on top.
type limit struct {
	name  string
	every time.Duration
	burst int
}

// The per-client limits. Reading pages is never limited; searching,
// writing and signing in are, as the costly and the abusable requests.
// They are kept per instance: several instances each allow as much.
var (
	signInLimit = limit{"sign-in attempts", 2 * time.Second, 10}
	searchLimit = limit{"searches", 100 * time.Millisecond, 30}
	writeLimit  = limit{"changes", 50 * time.Millisecond, 60}
)

// limitOf is the limit a request falls under, if any.
func limitOf(r *http.Request) *limit {
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPost && (p == "/signin" || p == "/signin/code" || strings.HasPrefix(p, "/setup/") || strings.HasPrefix(p, "/reset/")):
		return &signInLimit
	case r.Method == http.MethodGet && r.URL.Query().Get("q") != "":
		return &searchLimit
	case r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch || r.Method == http.MethodDelete:
		return &writeLimit
	}
	return nil
}

// rateLimiter keeps a token bucket per client and kind of request.
type rateLimiter struct {
	clientIP func(*http.Request) string

	mu      sync.Mutex
	buckets map[bucketKey]*bucket
}

type bucketKey struct {
	client string
	limit  string
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// maxBuckets bounds the limiter's memory; idle buckets go first.
const maxBuckets = 50_000

func newRateLimiter(clientIP func(*http.Request) string) *rateLimiter {
	return &rateLimiter{clientIP: clientIP, buckets: map[bucketKey]*bucket{}}
}

// Middleware answers 429 with Retry-After to a client over its limit.
func (rl *rateLimiter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := limitOf(r)
		if l == nil {
			next.ServeHTTP(w, r)
			return
		}
		if wait, ok := rl.take(rl.clientIP(r), l); !ok {
			secs := int(math.Ceil(wait.Seconds()))
			problem.Write(w, problem.Problem{Type: "about:blank", Title: "Too many requests", Status: http.StatusTooManyRequests, Instance: r.URL.Path,
				Detail: "too many " + l.name + " from your address: try again in " + strconv.Itoa(secs) + " s", RetryAfter: secs})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// take spends a token of the client's bucket, or says how long until one.
func (rl *rateLimiter) take(client string, l *limit) (time.Duration, bool) {
	now := time.Now()
	rl.mu.Lock()
	defer rl.mu.Unlock()
	k := bucketKey{client, l.name}
	b := rl.buckets[k]
	if b == nil {
		if len(rl.buckets) >= maxBuckets {
			rl.evict(now)
		}
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		rl.buckets[k] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d, false
	}
	return 0, true
}

// evict drops the buckets idle longest: a full bucket idle for a minute
// is the same as a new one.
func (rl *rateLimiter) evict(now time.Time) {
	for k, b := range rl.buckets {
		if now.Sub(b.seen) > time.Minute {
			delete(rl.buckets, k)
		}
	}
	if len(rl.buckets) >= maxBuckets {
		clear(rl.buckets)
	}
}
