// Package auth recognises who makes each request — a browser session or
// an API token — and keeps the sessions. Sessions are managed by scs
// (github.com/alexedwards/scs), kept in Hindsight's database through the
// service, so every instance knows every session and signing out ends the
// session on the server.
package auth

import (
	"context"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"hindsight"
)

// SessionOptions configure sessions.
type SessionOptions struct {
	// Idle ends a session nobody used for this long; Lifetime ends every
	// session this long after sign-in, used or not.
	Idle, Lifetime time.Duration
	// Secure marks the cookie Secure: set it when served over HTTPS.
	Secure bool
}

// CookieName is the session cookie's name.
const CookieName = "hindsight_session"

// Session keys.
const (
	keyUser        = "user"
	keyPendingTOTP = "pending_totp"
)

// Sessions manages browser sessions.
type Sessions struct {
	*scs.SessionManager
}

// NewSessions makes the session manager: cookie HttpOnly, SameSite=Lax,
// Secure when asked, idle and absolute timeouts.
func NewSessions(svc *hindsight.Service, o SessionOptions) *Sessions {
	m := scs.New()
	m.Store = newSessionStore(svc, o.Idle)
	m.Codec = newSessionCodec()
	m.IdleTimeout, m.Lifetime = o.Idle, o.Lifetime
	m.Cookie.Name = CookieName
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = o.Secure
	m.Cookie.Path = "/"
	return &Sessions{m}
}

// SignIn starts a signed-in session for u under a new session id, so an
// id planted before sign-in is worthless after it.
func (s *Sessions) SignIn(ctx context.Context, u *hindsight.User) error {
	if err := s.RenewToken(ctx); err != nil {
		return err
	}
	s.Remove(ctx, keyPendingTOTP)
	s.Put(ctx, keyUser, u.ID)
	return nil
}

// AwaitTOTP remembers a user whose password was right and whose
// authenticator code is still to come.
func (s *Sessions) AwaitTOTP(ctx context.Context, u *hindsight.User) error {
	if err := s.RenewToken(ctx); err != nil {
		return err
	}
	s.Put(ctx, keyPendingTOTP, u.ID)
	return nil
}

// PendingTOTP is the user awaiting their authenticator code, or "".
func (s *Sessions) PendingTOTP(ctx context.Context) string {
	return s.GetString(ctx, keyPendingTOTP)
}

// SignOut ends the session on the server and in the browser.
func (s *Sessions) SignOut(ctx context.Context) error { return s.Destroy(ctx) }

// userID is the signed-in user of the request's session, or "".
func (s *Sessions) userID(ctx context.Context) string { return s.GetString(ctx, keyUser) }
