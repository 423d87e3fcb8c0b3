package hindsight

import (
	"context"
	"time"
)

// One-time link purposes and how long each works.
const (
	LinkSetup    = "setup"
	LinkReset    = "reset"
	SetupLinkTTL = time.Hour
	ResetLinkTTL = 24 * time.Hour
)

// SetupLink returns a new one-time link secret for creating the first
// admin, valid for an hour, when no active admin exists; "" when one does.
// Every start without an admin prints one, so an operator who missed it
// restarts (or runs `hindsight user add`).
func (s *Service) SetupLink(ctx context.Context) (string, error) {
	n, err := s.store.CountAdmins(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	secret := NewSecret()
	return secret, s.store.CreateOneTimeLink(ctx, OneTimeLink{Hash: HashSecret(secret), Purpose: LinkSetup, ExpiresAt: s.now().Add(SetupLinkTTL)})
}

// CompleteSetup uses a setup link to create the first admin account. The
// link works once, and not at all once an admin exists.
func (s *Service) CompleteSetup(ctx context.Context, secret string, n NewUser, clientIP string) (*User, error) {
	if n, err := s.store.CountAdmins(ctx); err != nil || n > 0 {
		if err != nil {
			return nil, err
		}
		return nil, forbidden("this instance already has an admin; sign in instead")
	}
	who := Principal{System: true, ClientIP: clientIP, User: &User{Name: "setup link"}}
	n.Role = Admin
	if n.Password == "" {
		return nil, Invalid("password", "is required")
	}
	// Check the input before spending the link, so a typo does not burn it.
	if err := validateUser(&User{Email: n.Email, Name: n.Name, Role: Admin}); err != nil {
		return nil, err
	}
	if err := checkPasswordStrength("password", n.Password, n.Email, n.Name); err != nil {
		return nil, err
	}
	if _, err := s.store.UseOneTimeLink(ctx, HashSecret(secret), LinkSetup, s.now()); err != nil {
		return nil, forbidden("this setup link has expired or was used; restart Hindsight for a new one")
	}
	return s.addUser(ctx, who, n)
}

// ResetLink makes a one-time link (valid a day) with which a user sets a
// new password; admins (and the command line) may. The user's current
// password keeps working until the link is used.
func (s *Service) ResetLink(ctx context.Context, userID string) (string, error) {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return "", err
	}
	u, err := s.store.GetUser(ctx, userID)
	if err != nil {
		return "", err
	}
	secret := NewSecret()
	if err := s.store.CreateOneTimeLink(ctx, OneTimeLink{Hash: HashSecret(secret), Purpose: LinkReset, UserID: u.ID, ExpiresAt: s.now().Add(ResetLinkTTL)}); err != nil {
		return "", err
	}
	return secret, s.store.AppendAudit(ctx, s.event(who, "user.password", u.Email, "reset link made"))
}

// ResetLinkUser returns whose password a reset link sets, without using
// it, so the page can say so; an expired or used link is forbidden.
func (s *Service) ResetLinkUser(ctx context.Context, secret string) (*User, error) {
	l, err := s.store.PeekOneTimeLink(ctx, HashSecret(secret), LinkReset, s.now())
	if err != nil {
		return nil, forbidden("this link has expired or was used; ask an admin for a new one")
	}
	return s.store.GetUser(ctx, l.UserID)
}

// CompleteReset sets a new password with a reset link. The password is
// checked before the link is used, so a weak one does not spend it.
func (s *Service) CompleteReset(ctx context.Context, secret, password, clientIP string) (*User, error) {
	u, err := s.ResetLinkUser(ctx, secret)
	if err != nil {
		return nil, err
	}
	if err := checkPasswordStrength("password", password, u.Email, u.Name); err != nil {
		return nil, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.UseOneTimeLink(ctx, HashSecret(secret), LinkReset, s.now()); err != nil {
		return nil, forbidden("this link has expired or was used; ask an admin for a new one")
	}
	c, err := s.store.Credentials(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	c.PasswordHash = hash
	who := Principal{User: u, ClientIP: clientIP}
	if err := s.store.SetCredentials(ctx, u.ID, c, s.event(who, "user.password", u.Email, "set with a reset link")); err != nil {
		return nil, err
	}
	u.HasPassword = true
	return u, nil
}
