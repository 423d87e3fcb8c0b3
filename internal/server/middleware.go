package server

import (
	"hindsight/internal/problem"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// ContentSecurityPolicy allows only the instance's own scripts, styles and
// images: no inline script can run, whatever a post-mortem contains.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// crossOrigin refuses state-changing requests that a browser reports as
// coming from another site (Sec-Fetch-Site, Origin), so a page elsewhere
// cannot make a reader's browser post to Hindsight. Clients that are not
// browsers send neither header and are unaffected.
func crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		problem.Write(w, problem.Problem{Type: "about:blank", Title: "Cross-site request refused", Status: http.StatusForbidden, Instance: r.URL.Path,
			Detail: "this request came from another site; Hindsight accepts changes only from its own pages and from API clients"})
	}))
	return cop.Handler(next)
}

// recoverPanics turns a panic in a handler into a logged 500 instead of a
// dropped connection.
func recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				slog.ErrorContext(r.Context(), "handler panicked", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				w.Header().Set("Content-Type", "application/problem+json")
				w.WriteHeader(http.StatusInternalServerError)
				w.Write([]byte(`{"type":"about:blank","title":"Internal error","status":500}` + "\n"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
