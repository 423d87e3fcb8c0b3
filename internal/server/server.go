// Package server assembles Hindsight's HTTP handler: the JSON API, the web
// UI and the feeds behind one mux, wrapped in the middleware every
// response needs (security headers, known hosts, cross-site refusal, who
// is asking, panic recovery).
package server

import (
	"fmt"
	"net/http"
	"strings"

	"hindsight"
	"hindsight/internal/api"
	"hindsight/internal/atomfeed"
	"hindsight/internal/auth"
	"hindsight/internal/calendar"
	"hindsight/internal/config"
	"hindsight/internal/insights"
	"hindsight/internal/metrics"
	"hindsight/internal/web"
)

// New returns the whole product's handler.
func New(cfg config.Config, svc *hindsight.Service) (http.Handler, error) {
	proxies, err := auth.ParseProxies(cfg.SignIn.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("-trusted-proxies: %w", err)
	}
	sessions := auth.NewSessions(svc, auth.SessionOptions{Idle: cfg.SignIn.SessionIdle, Lifetime: cfg.SignIn.SessionLifetime,
		Secure: strings.HasPrefix(cfg.BaseURL, "https://")})
	authn := auth.NewAuthenticator(svc, sessions, proxies)
	var sso *auth.OIDC
	if o := cfg.SignIn.OIDC; o.Issuer != "" {
		if cfg.BaseURL == "" {
			return nil, fmt.Errorf("single sign-on needs HINDSIGHT_BASE_URL, the address the provider sends users back to")
		}
		sso = auth.NewOIDC(auth.OIDCConfig{Issuer: o.Issuer, ClientID: o.ClientID, ClientSecret: o.ClientSecret, Name: o.Name,
			RedirectURL: strings.TrimRight(cfg.BaseURL, "/") + "/auth/oidc/callback",
			GroupsClaim: o.GroupsClaim, RoleByGroup: o.RoleByGroup, DefaultRole: o.DefaultRole, TrustEmail: o.TrustEmail}, svc.Now)
	}
	m := metrics.New(svc.Pools())
	// One keeper of insights snapshots for the web UI and the API.
	reports := insights.NewReports(svc, 0)
	ui, err := web.New(svc, web.Options{Insights: reports, MaxUploadBytes: cfg.MaxUploadBytes, Sessions: sessions, SSO: sso, ClientIP: authn.ClientIP, BaseURL: cfg.BaseURL, Metrics: m})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(svc, api.Options{Insights: reports, MaxUploadBytes: cfg.MaxUploadBytes, BaseURL: cfg.BaseURL}))
	mux.HandleFunc("GET /calendar.ics", calendar.Handler(svc, cfg.BaseURL))
	mux.HandleFunc("GET /calendar/{secret}", calendar.FeedHandler(svc, cfg.BaseURL, authn.ClientIP))
	mux.HandleFunc("GET /feeds/{secret}", atomfeed.Handler(svc, cfg.BaseURL, authn.ClientIP))
	mux.Handle("GET /metrics", metricsHandler(svc, m))
	mux.Handle("/", ui)

	// Health checks and static files need nobody: they skip the session
	// lookup.
	open := http.NewServeMux()
	open.HandleFunc("GET /healthz", alive)
	open.HandleFunc("GET /readyz", ready(svc))
	open.Handle("GET /static/", ui)
	def := config.Default()
	if cfg.MaxRequests <= 0 {
		cfg.MaxRequests = def.MaxRequests
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = def.QueueWait
	}
	var app http.Handler = newAdmission(cfg.MaxRequests, cfg.QueueWait).Middleware(authn.Middleware(mux))
	if cfg.RateLimits {
		app = newRateLimiter(authn.ClientIP).Middleware(app)
	}
	open.Handle("/", app)
	return observe(m, recoverPanics(securityHeaders(auth.NewHosts(cfg.BaseURL).Middleware(guard(cfg.MaxUploadBytes, crossOrigin(open)))))), nil
}
