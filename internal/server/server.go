// Package server assembles Hindsight's HTTP handler: the JSON API, the web
// UI and the feeds behind one mux, wrapped in the middleware every
// response needs (security headers, panic recovery, error logging).
package server

import (
	"context"
	"net/http"
	"time"

	"hindsight"
	"hindsight/internal/api"
	"hindsight/internal/calendar"
	"hindsight/internal/config"
)

// New returns the whole product's handler.
func New(cfg config.Config, svc *hindsight.Service) (http.Handler, error) {
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(svc, api.Options{MaxUploadBytes: cfg.MaxUploadBytes}))
	mux.HandleFunc("GET /healthz", health(svc))
	mux.HandleFunc("GET /calendar.ics", calendar.Handler(svc, cfg.BaseURL))
	web, err := newWeb(cfg, svc)
	if err != nil {
		return nil, err
	}
	mux.Handle("/", web)
	return recoverPanics(securityHeaders(crossOrigin(mux))), nil
}

// health answers 200 when the store answers.
func health(svc *hindsight.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := svc.Ping(ctx); err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	}
}
