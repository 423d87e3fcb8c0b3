package auth

import (
	"hindsight/internal/problem"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Hosts refuses requests for any host but the instance's own: the base
// URL's host, and loopback names. A web page elsewhere can point a DNS
// name of its own at 127.0.0.1 or an intranet address (DNS rebinding); its
// requests then carry that name in Host and are refused here.
type Hosts struct {
	allowed map[string]bool
}

// NewHosts allows baseURL's host (any port when it names none) and
// loopback.
func NewHosts(baseURL string) Hosts {
	h := Hosts{allowed: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		h.allowed[strings.ToLower(u.Hostname())] = true
	}
	return h
}

// Allowed reports whether a Host header names this instance.
func (h Hosts) Allowed(host string) bool {
	if name, _, err := net.SplitHostPort(host); err == nil {
		host = name
	}
	return h.allowed[strings.ToLower(strings.Trim(host, "[]"))]
}

// Middleware answers 421 Misdirected Request for other hosts.
func (h Hosts) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.Allowed(r.Host) {
			problem.Write(w, problem.Problem{Type: "about:blank", Title: "Unknown host", Status: http.StatusMisdirectedRequest, Instance: r.URL.Path,
				Detail: "this Hindsight serves only its own address; set HINDSIGHT_BASE_URL to the address people use"})
			return
		}
		next.ServeHTTP(w, r)
	})
}
