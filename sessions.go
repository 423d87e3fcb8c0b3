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

// FindSession returns a live session's data. A session read once is
// kept in memory until the identity version moves on (see Versions) or
// its recorded expiry passes.
func (s *Service) FindSession(ctx context.Context, token string) ([]byte, bool, error) {
	key, now := HashSecret(token), s.now()
	v, err := s.versions(ctx)
	if err != nil {
		return nil, false, err
	}
	if kept, ok := s.memo.sessions.get(v.Identity, key); ok && now.Before(kept.expires) {
		return kept.data, true, nil
	}
	data, expires, found, err := s.store.FindSession(ctx, key, now)
	if found {
		s.memo.sessions.put(v.Identity, key, storedSession{data, expires})
	}
	return data, found, err
}

// CommitSession stores a session's data until it expires.
func (s *Service) CommitSession(ctx context.Context, token string, data []byte, expires time.Time) error {
	key := HashSecret(token)
	defer s.memo.sessions.forget(key)
	return s.store.CommitSession(ctx, key, data, expires)
}

// DeleteSession ends a session on the server.
func (s *Service) DeleteSession(ctx context.Context, token string) error {
	key := HashSecret(token)
	defer s.memo.sessions.forget(key)
	return s.store.DeleteSession(ctx, key)
}

// PurgeSessions deletes expired sessions.
func (s *Service) PurgeSessions(ctx context.Context) error {
	return s.store.PurgeSessions(ctx, s.now())
}

// SessionUser is the user a session names, as stored now (or as kept
// since, while the identity version stands); a disabled or deleted
// account is ErrUnauthenticated, so disabling someone signs them out
// everywhere at once.
func (s *Service) SessionUser(ctx context.Context, userID string) (*User, error) {
	if !clean(userID) {
		return nil, ErrUnauthenticated
	}
	u, err := s.knownUser(ctx, userID)
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

// knownUser is the account with that id, kept in memory until the
// identity version moves on.
func (s *Service) knownUser(ctx context.Context, id string) (*User, error) {
	v, err := s.versions(ctx)
	if err != nil {
		return nil, err
	}
	u, err := s.memo.users.fetch(v.Identity, id, func() (User, error) {
		u, err := s.store.GetUser(ctx, id)
		if err != nil {
			return User{}, err
		}
		return *u, nil
	})
	if err != nil {
		return nil, err
	}
	return u.clone(), nil
}
