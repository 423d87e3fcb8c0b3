package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"hindsight"
	"hindsight/internal/metrics"
	"hindsight/internal/problem"
)

// alive answers /healthz: the process is up and serving. It touches
// nothing else, so an orchestrator restarts only a process that is stuck.
func alive(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte("ok\n"))
}

// ready answers /readyz: the database answers within two seconds and has
// every migration this binary needs, so a load balancer sends traffic.
func ready(svc *hindsight.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Cache-Control", "no-store")
		if err := svc.Ready(ctx); err != nil {
			slog.WarnContext(r.Context(), "not ready", "err", err)
			problem.Write(w, problem.Problem{Type: "about:blank", Title: "Not ready", Status: http.StatusServiceUnavailable, Instance: r.URL.Path,
				Detail: "the database does not answer or is not migrated: " + err.Error()})
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ready\n"))
	}
}

// metricsHandler serves the Prometheus metrics to admins (a read-only
// admin token suits a scraper), counting post-mortems at each scrape.
func metricsHandler(svc *hindsight.Service, m *metrics.Set) http.Handler {
	serve := m.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		counts, err := svc.CountByStatus(r.Context())
		if err != nil {
			p, fault := problem.From(err, r.URL.Path)
			if fault {
				slog.ErrorContext(r.Context(), "metrics", "err", err)
			}
			problem.Write(w, p)
			return
		}
		byStatus := map[string]int{}
		for _, s := range hindsight.Statuses {
			byStatus[string(s)] = counts[s]
		}
		m.SetPostMortems(byStatus)
		serve.ServeHTTP(w, r)
	})
}
