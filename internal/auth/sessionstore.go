package auth

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"

	"hindsight"
)

// sessionStore keeps scs's sessions through the service. With an idle
// timeout scs re-commits every session on every request only to move its
// expiry; writing that to the database each time would turn every page
// view into a write. The store skips a commit that changes nothing but
// moves the expiry by less than a twentieth of the idle timeout, so the
// recorded expiry is at most that much early — never late.
type sessionStore struct {
	svc  *hindsight.Service
	slop time.Duration

	mu   sync.Mutex
	last map[string]committed
}

type committed struct {
	sum    [32]byte
	expiry time.Time
}

// maxRemembered bounds the memory of recent commits; forgetting one only
// costs one more write.
const maxRemembered = 10000

func newSessionStore(svc *hindsight.Service, idle time.Duration) *sessionStore {
	return &sessionStore{svc: svc, slop: idle / 20, last: map[string]committed{}}
}

func (s *sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	return s.svc.FindSession(ctx, token)
}

func (s *sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	c := committed{sha256.Sum256(b), expiry}
	s.mu.Lock()
	prev, ok := s.last[token]
	s.mu.Unlock()
	if ok && prev.sum == c.sum && !expiry.Before(prev.expiry) && expiry.Sub(prev.expiry) < s.slop {
		return nil
	}
	if err := s.svc.CommitSession(ctx, token, b, expiry); err != nil {
		return err
	}
	s.mu.Lock()
	if len(s.last) >= maxRemembered {
		clear(s.last)
	}
	s.last[token] = c
	s.mu.Unlock()
	return nil
}

func (s *sessionStore) DeleteCtx(ctx context.Context, token string) error {
	s.mu.Lock()
	delete(s.last, token)
	s.mu.Unlock()
	return s.svc.DeleteSession(ctx, token)
}

// The context-free methods scs also requires; it calls the Ctx ones.
func (s *sessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *sessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }
