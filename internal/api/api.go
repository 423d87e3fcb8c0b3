// Package api serves Hindsight's JSON API under /api/v1: post-mortems,
// their Markdown form and their images. Every write goes through
// hindsight.Service, so the API enforces exactly the rules the web UI and
// the command line do.
package api

import (
	"net/http"

	"hindsight"
	"hindsight/internal/insights"
	"hindsight/internal/pagecache"
)

// Options configure the API.
type Options struct {
	// MaxBodyBytes bounds a JSON or Markdown request body (default 1 MiB).
	MaxBodyBytes int64
	// MaxUploadBytes bounds an uploaded image (default 5 MiB).
	MaxUploadBytes int64
	// BaseURL is the instance's public address: exported Markdown links
	// its images absolutely under it, so they work wherever it is read.
	BaseURL string
	// Insights keeps insights snapshots; the web UI shares it so a reader
	// costs one build for both. New makes one when nil.
	Insights *insights.Reports
}

// Handler serves the API.
type Handler struct {
	svc  *hindsight.Service
	opts Options
	mux  *http.ServeMux
	// docs keeps encoded post-mortems by id, version and indentation: a
	// read of an unchanged post-mortem costs a head lookup and a copy.
	docs *pagecache.Cache[docKey]
}

// New returns the API handler; it serves paths under /api/v1/.
func New(svc *hindsight.Service, opts Options) http.Handler {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = 5 << 20
	}
	if opts.Insights == nil {
		opts.Insights = insights.NewReports(svc, 0)
	}
	h := &Handler{svc: svc, opts: opts, mux: http.NewServeMux(), docs: pagecache.New[docKey](1024, docCacheBytes)}
	h.routes()
	return h
}

// ServeHTTP dispatches. Who makes the request is already in its context
// (package auth); the service decides what they may do.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(withPretty(w, r), r)
}
