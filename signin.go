package hindsight

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Sign-in throttling: after this many failures within the window, further
// attempts for that account, or from that client address, are refused
// until the oldest failure leaves the window. Counted in the database, so
// every instance enforces the same limit.
const (
	ThrottleWindow     = 15 * time.Minute
	MaxAccountFailures = 5
	MaxClientFailures  = 20
)

// ErrTOTPRequired says the password was right and the account also needs
// its authenticator code: the caller asks for it and calls SignInTOTP.
var ErrTOTPRequired = errors.New("authenticator code required")

// errBadSignIn is the one answer to a wrong address, wrong password or
// disabled account, so an attacker learns nothing about which accounts
// exist.
var errBadSignIn = &ValidationError{Fields: []FieldError{{Field: "password", Message: "the e-mail address or password is wrong"}}}

// SignIn checks an e-mail address and password from a client address. It
// returns the user, ErrTOTPRequired (with the user) when a second factor
// is needed, a *ThrottledError after too many failures, or one and the
// same validation error for every other failure.
func (s *Service) SignIn(ctx context.Context, email, password, clientIP string) (*User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if !clean(email, clientIP) || len(email) > MaxTitleLen {
		return nil, errBadSignIn
	}
	keys := []string{"account:" + email, "client:" + clientIP}
	if err := s.throttled(ctx, keys); err != nil {
		return nil, err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	var c Credentials
	if u != nil {
		if c, err = s.store.Credentials(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	if !passwordMatches(password, c.PasswordHash) || u == nil || u.Disabled {
		return nil, s.failed(ctx, keys, email, clientIP)
	}
	if c.TOTPSecret != "" {
		return u, ErrTOTPRequired
	}
	return u, s.signedIn(ctx, u, clientIP, "password", keys[0])
}

// SignInTOTP finishes a sign-in whose password was right with the code
// from the user's authenticator; wrong codes count as failures.
func (s *Service) SignInTOTP(ctx context.Context, userID, code, clientIP string) (*User, error) {
	if !clean(userID, clientIP) {
		return nil, errBadSignIn
	}
	u, err := s.store.GetUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	keys := []string{"account:" + u.Email, "client:" + clientIP}
	if err := s.throttled(ctx, keys); err != nil {
		return nil, err
	}
	c, err := s.store.Credentials(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if u.Disabled || !totpMatches(code, c.TOTPSecret, s.Now()) {
		if err := s.failed(ctx, keys, u.Email, clientIP); !errors.Is(err, errBadSignIn) {
			return nil, err
		}
		return nil, Invalid("code", "is not the current code of your authenticator app")
	}
	return u, s.signedIn(ctx, u, clientIP, "password and authenticator", keys[0])
}

// throttled refuses an attempt when any key has too many recent failures.
func (s *Service) throttled(ctx context.Context, keys []string) error {
	now := s.now()
	for _, k := range keys {
		limit := MaxAccountFailures
		if strings.HasPrefix(k, "client:") {
			limit = MaxClientFailures
		}
		n, oldest, err := s.store.CountFailures(ctx, k, now.Add(-ThrottleWindow))
		if err != nil {
			return err
		}
		if n >= limit {
			return &ThrottledError{RetryAfter: oldest.Add(ThrottleWindow).Sub(now)}
		}
	}
	return nil
}

// failed counts a failure against every key and audits it.
func (s *Service) failed(ctx context.Context, keys []string, email, clientIP string) error {
	now := s.now()
	for _, k := range keys {
		if err := s.store.RecordFailure(ctx, k, now); err != nil {
			return err
		}
	}
	e := s.event(Principal{ClientIP: clientIP}, "signin.failed", email, "")
	if err := s.store.AppendAudit(ctx, e); err != nil {
		return err
	}
	return errBadSignIn
}

// signedIn records a successful sign-in and forgives the account's
// earlier failures.
func (s *Service) signedIn(ctx context.Context, u *User, clientIP, how, accountKey string) error {
	if err := s.store.ClearFailures(ctx, accountKey); err != nil {
		return err
	}
	now := s.now()
	u.LastSignInAt = &now
	return s.store.TouchSignIn(ctx, u.ID, now, s.event(Principal{User: u, ClientIP: clientIP}, "signin", u.Email, "with "+how))
}

// ExternalIdentity is who single sign-on says signed in.
type ExternalIdentity struct {
	// Subject is "issuer|sub": stable across e-mail changes.
	Subject string
	Email   string
	Name    string
	Groups  []string
	// Role is the role the identity's groups map to, "" when no mapping
	// is configured (the account keeps its role, or a new one gets
	// DefaultRole).
	Role        UserRole
	DefaultRole UserRole
}

// SignInExternal signs in a single sign-on identity: the account linked
// to its subject, else the account with its (verified) e-mail, else a new
// account. Groups, and the role when mapped, follow the identity provider
// at every sign-in.
func (s *Service) SignInExternal(ctx context.Context, id ExternalIdentity, clientIP string) (*User, error) {
	u, err := s.store.UserBySubject(ctx, id.Subject)
	if errors.Is(err, ErrNotFound) {
		u, err = s.store.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(id.Email)))
	}
	system := Principal{System: true, ClientIP: clientIP, User: &User{Name: "single sign-on"}}
	switch {
	case errors.Is(err, ErrNotFound):
		role := id.Role
		if role == "" {
			role = id.DefaultRole
		}
		if u, err = s.addUser(ctx, system, NewUser{Email: id.Email, Name: id.Name, Role: role}); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	}
	if u.Disabled {
		return nil, forbidden("this account is disabled; ask an admin")
	}
	u.Subject, u.Groups = id.Subject, id.Groups
	if id.Name != "" {
		u.Name = id.Name
	}
	if id.Role != "" && id.Role != u.Role {
		u.Role = id.Role
	}
	normalizeUser(u)
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, s.signedIn(ctx, u, clientIP, "single sign-on", "account:"+u.Email)
}
