package hindsight

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Token purposes: an API token is sent as "Authorization: Bearer"; a feed
// token is the secret in a private calendar or feed URL, which calendar
// apps poll without signing in.
const (
	TokenAPI  = "api"
	TokenFeed = "feed"
)

// tokenPrefix marks Hindsight's secrets so secret scanners can find a
// leaked one.
const tokenPrefix = "hst_"

// NewSecret makes a random secret of 160 bits, base32 without padding.
func NewSecret() string {
	b := make([]byte, 20)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// HashSecret is how tokens, session ids and one-time links are kept: a
// leaked database holds nothing that signs anybody in. The secrets are
// random, so a fast hash suffices.
func HashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// NewToken is what creating a token takes.
type NewToken struct {
	Name     string
	ReadOnly bool
	Purpose  string
	// ExpiresIn of 0 means it never expires.
	ExpiresIn time.Duration
}

// CreateToken makes a token for the signed-in user and returns it with
// its secret, which is shown once and never again.
func (s *Service) CreateToken(ctx context.Context, n NewToken) (*Token, string, error) {
	me, err := s.Me(ctx)
	if err != nil {
		return nil, "", err
	}
	return s.createToken(ctx, me, n)
}

// CreateTokenFor makes a token for any user; admins (and the command line)
// may.
func (s *Service) CreateTokenFor(ctx context.Context, userID string, n NewToken) (*Token, string, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return nil, "", err
	}
	u, err := s.store.GetUser(ctx, userID)
	if err != nil {
		return nil, "", err
	}
	return s.createToken(ctx, u, n)
}

func (s *Service) createToken(ctx context.Context, u *User, n NewToken) (*Token, string, error) {
	who, err := writer(ctx)
	if err != nil {
		return nil, "", err
	}
	if n.Purpose == "" {
		n.Purpose = TokenAPI
	}
	n.Name = strings.TrimSpace(n.Name)
	v := &ValidationError{}
	if n.Purpose != TokenAPI && n.Purpose != TokenFeed {
		v.Add("purpose", "must be api or feed, not %q", n.Purpose)
	}
	if len(n.Name) > MaxTitleLen || !clean(n.Name) {
		v.Add("name", "must be at most %d bytes of text", MaxTitleLen)
	}
	if n.ExpiresIn < 0 {
		v.Add("expires", "must be in the future")
	}
	if err := v.OrNil(); err != nil {
		return nil, "", err
	}
	secret := tokenPrefix + NewSecret()
	now := s.now()
	t := &Token{ID: NewID(), UserID: u.ID, Name: n.Name, Hash: HashSecret(secret), ReadOnly: n.ReadOnly || n.Purpose == TokenFeed, Purpose: n.Purpose, CreatedAt: now}
	if n.ExpiresIn > 0 {
		exp := now.Add(n.ExpiresIn)
		t.ExpiresAt = &exp
	}
	detail := fmt.Sprintf("%s token %q", n.Purpose, n.Name)
	if t.ReadOnly {
		detail += ", read-only"
	}
	if err := s.store.CreateToken(ctx, t, s.event(who, "token.created", u.Email, detail)); err != nil {
		return nil, "", err
	}
	return t, secret, nil
}

// Tokens lists the signed-in user's tokens.
func (s *Service) Tokens(ctx context.Context) ([]Token, error) {
	me, err := s.Me(ctx)
	if err != nil {
		return nil, err
	}
	return s.store.ListTokens(ctx, me.ID)
}

// RevokeToken revokes one of the signed-in user's tokens at once.
func (s *Service) RevokeToken(ctx context.Context, id string) error {
	me, err := s.Me(ctx)
	if err != nil {
		return err
	}
	if !clean(id) {
		return fmt.Errorf("token: %w", ErrNotFound)
	}
	who, _ := PrincipalFrom(ctx)
	return s.store.RevokeToken(ctx, me.ID, id, s.now(), s.event(who, "token.revoked", me.Email, id))
}

// tokenTouchEvery bounds how often a token's last use is written: once a
// minute is precise enough to tell, and a busy script does not turn every
// read into a write.
const tokenTouchEvery = time.Minute

// Authenticate returns the principal a secret of the given purpose stands
// for: its user (who must not be disabled), read-only if the token is.
// Wrong, revoked and expired secrets are ErrUnauthenticated alike.
func (s *Service) Authenticate(ctx context.Context, secret, purpose, clientIP string) (Principal, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || !clean(clientIP) {
		return Principal{}, ErrUnauthenticated
	}
	hash := HashSecret(secret)
	t, err := s.knownToken(ctx, hash)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Principal{}, ErrUnauthenticated
		}
		return Principal{}, err
	}
	now := s.now()
	if t.Purpose != purpose || t.RevokedAt != nil || (t.ExpiresAt != nil && !now.Before(*t.ExpiresAt)) {
		return Principal{}, ErrUnauthenticated
	}
	u, err := s.knownUser(ctx, t.UserID)
	if err != nil || u.Disabled {
		return Principal{}, ErrUnauthenticated
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= tokenTouchEvery {
		if err := s.store.TouchToken(ctx, t.ID, now); err != nil {
			return Principal{}, err
		}
		s.memo.tokens.update(hash, func(t *Token) { t.LastUsedAt = &now })
	}
	return Principal{User: u, ReadOnly: t.ReadOnly, Via: "token", ClientIP: clientIP}, nil
}

// knownToken is the token with that hash, kept in memory until the
// identity version moves on. Unknown secrets are not kept: each is one
// read, as before.
func (s *Service) knownToken(ctx context.Context, hash string) (Token, error) {
	v, err := s.versions(ctx)
	if err != nil {
		return Token{}, err
	}
	return s.memo.tokens.fetch(v.Identity, hash, func() (Token, error) {
		t, err := s.store.TokenByHash(ctx, hash)
		if err != nil {
			return Token{}, err
		}
		return *t, nil
	})
}
