package auth

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"hindsight"
	"hindsight/internal/problem"
)

// Authenticator recognises who makes each request and puts the principal
// into its context: an API token in "Authorization: Bearer", else the
// browser's session. It refuses nothing itself — the service decides what
// a principal (or nobody) may do — except a bearer token that is wrong,
// which is answered 401 at once rather than read as nobody.
type Authenticator struct {
	svc      *hindsight.Service
	sessions *Sessions
	proxies  Proxies
}

// NewAuthenticator wires the service, the sessions and the proxies whose
// X-Forwarded-For is believed.
func NewAuthenticator(svc *hindsight.Service, s *Sessions, p Proxies) *Authenticator {
	return &Authenticator{svc: svc, sessions: s, proxies: p}
}

// Middleware authenticates the request and calls next. A request that
// only reads (GET, HEAD) reads the versions once for everything it
// consults — its session, account or token, and the pages it is served
// from (see hindsight.VersionsOnce).
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	withSession := a.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := hindsight.Principal{Via: "session", ClientIP: a.proxies.ClientIP(r)}
		if id := a.sessions.userID(r.Context()); id != "" {
			u, err := a.svc.SessionUser(r.Context(), id)
			switch {
			case errors.Is(err, hindsight.ErrUnauthenticated):
				// Disabled or deleted since: signed out everywhere.
				a.sessions.Remove(r.Context(), keyUser)
			case err != nil:
				a.fail(w, r, err)
				return
			default:
				p.User = u
			}
		}
		next.ServeHTTP(w, r.WithContext(hindsight.WithPrincipal(r.Context(), p)))
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			r = r.WithContext(hindsight.VersionsOnce(r.Context()))
		}
		token, ok := bearer(r)
		if !ok {
			withSession.ServeHTTP(w, r)
			return
		}
		p, err := a.svc.Authenticate(r.Context(), token, hindsight.TokenAPI, a.proxies.ClientIP(r))
		if err != nil {
			a.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(hindsight.WithPrincipal(r.Context(), p)))
	})
}

// ClientIP is where the request came from, through trusted proxies.
func (a *Authenticator) ClientIP(r *http.Request) string { return a.proxies.ClientIP(r) }

// bearer reads "Authorization: Bearer TOKEN".
func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// fail answers an authentication failure as a problem document.
func (a *Authenticator) fail(w http.ResponseWriter, r *http.Request, err error) {
	if problem.ClientGone(r.Context(), err) {
		return
	}
	p, fault := problem.From(err, r.URL.Path)
	if fault {
		slog.ErrorContext(r.Context(), "authenticate", "path", r.URL.Path, "err", err)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="Hindsight", error="invalid_token"`)
		p.Detail = "the token is wrong, expired or revoked"
	}
	problem.Write(w, p)
}
