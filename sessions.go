package hindsight

import (
	"context"
	"errors"
	"time"
)

// Sessions are kept in the database, keyed by a hash of their token, so
// every instance behind a load balancer knows them and a leaked database
// signs nobody in. The session manager in the web layer calls these; they
// need no principal, as they are how a principal is found.

// FindSession returns a live session's data.
func (s *Service) FindSession(ctx context.Context, token string) ([]byte, bool, error) {
	return s.store.FindSession(ctx, HashSecret(token), s.now())
}

// CommitSession stores a session's data until it expires.
func (s *Service) CommitSession(ctx context.Context, token string, data []byte, expires time.Time) error {
	return s.store.CommitSession(ctx, HashSecret(token), data, expires)
}

// DeleteSession ends a session on the server.
func (s *Service) DeleteSession(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, HashSecret(token))
}

// PurgeSessions deletes expired sessions.
func (s *Service) PurgeSessions(ctx context.Context) error {
	return s.store.PurgeSessions(ctx, s.now())
}

// SessionUser is the user a session names, as stored now; a disabled or
// deleted account is ErrUnauthenticated, so disabling someone signs them
// out everywhere at once.
func (s *Service) SessionUser(ctx context.Context, userID string) (*User, error) {
	if !clean(userID) {
		return nil, ErrUnauthenticated
	}
	u, err := s.store.GetUser(ctx, userID)
	switch {
	case errors.Is(err, ErrNotFound) || (err == nil && u.Disabled):
		return nil, ErrUnauthenticated
	case err != nil:
		return nil, err
	}
	return u, nil
}

// SignedOut records a sign-out in the audit log.
func (s *Service) SignedOut(ctx context.Context) error {
	who, err := reader(ctx)
	if err != nil {
		return nil
	}
	return s.store.AppendAudit(ctx, s.event(who, "signout", who.User.Email, ""))
}

// Audit returns a page of the audit log, newest first; admins may.
func (s *Service) Audit(ctx context.Context, f AuditFilter) (AuditPage, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return AuditPage{}, err
	}
	if err := checkText("action", f.Action, "actor", f.Actor, "cursor", f.Cursor); err != nil {
		return AuditPage{}, err
	}
	return s.store.ListAudit(ctx, f)
}
