// Package metrics is what Hindsight tells Prometheus: requests by route
// and status with their latency, the database pools, cache hits and how
// many post-mortems there are. Each instance has its own registry, made
// in server.New — no globals, so tests make their own.
package metrics

import (
	"database/sql"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Set is one instance's metrics.
type Set struct {
	Registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	cache       *prometheus.CounterVec
	postmortems *prometheus.GaugeVec
}

// New makes the metrics, with the Go runtime's and the process's, and
// the pools' of each named database.
func New(pools map[string]*sql.DB) *Set {
	s := &Set{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "hindsight_http_requests_total",
			Help: "HTTP requests answered, by route, method and status."}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "hindsight_http_request_duration_seconds",
			Help: "Time to answer an HTTP request, by route.", Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10}}, []string{"route"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "hindsight_cache_lookups_total",
			Help: "Cache lookups, by cache and whether they hit."}, []string{"cache", "result"}),
		postmortems: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "hindsight_postmortems",
			Help: "Post-mortems kept, by status."}, []string{"status"}),
	}
	s.Registry.MustRegister(s.requests, s.duration, s.cache, s.postmortems,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for name, db := range pools {
		s.Registry.MustRegister(collectors.NewDBStatsCollector(db, name))
	}
	return s
}

// CacheLookup counts a lookup in a cache.
func (s *Set) CacheLookup(cache string, hit bool) {
	if s == nil {
		return
	}
	result := "miss"
	if hit {
		result = "hit"
	}
	s.cache.WithLabelValues(cache, result).Inc()
}

// SetPostMortems records how many post-mortems there are of each status.
func (s *Set) SetPostMortems(byStatus map[string]int) {
	for status, n := range byStatus {
		s.postmortems.WithLabelValues(status).Set(float64(n))
	}
}

// Handler serves the metrics in Prometheus's text format.
func (s *Set) Handler() http.Handler {
	return promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{})
}

// Observe records one answered request.
func (s *Set) Observe(r *http.Request, status int, took time.Duration) {
	route := Route(r.URL.Path, status)
	s.requests.WithLabelValues(route, r.Method, strconv.Itoa(status)).Inc()
	s.duration.WithLabelValues(route).Observe(took.Seconds())
}

// idLike is a path segment that names one thing (an id, a secret, a
// date): it becomes a placeholder, so routes stay few.
var idLike = regexp.MustCompile(`^(hst_.*|.*[0-9].*|[a-z2-7]{24,})$`)

// Route is the route a path belongs to, with ids as "{id}"; a path that
// was not found is "unmatched", so no request can make up new series.
func Route(path string, status int) string {
	if status == http.StatusNotFound || status == http.StatusMisdirectedRequest {
		return "unmatched"
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) > 6 {
		return "unmatched"
	}
	for i, seg := range segs {
		if idLike.MatchString(seg) {
			segs[i] = "{id}"
		}
	}
	return "/" + strings.Join(segs, "/")
}
