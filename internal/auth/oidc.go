package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"hindsight"
)

// OIDCConfig configures single sign-on with an OpenID Connect provider
// (Okta, Azure AD, Google, Keycloak, GitLab…).
type OIDCConfig struct {
	Issuer, ClientID, ClientSecret string
	// RedirectURL is BASE_URL/auth/oidc/callback, registered with the
	// provider.
	RedirectURL string
	// GroupsClaim names the ID token claim listing the user's groups
	// ("groups" by default); RoleByGroup maps group names to roles, the
	// highest role of the user's groups winning. Without a mapping, roles
	// are managed in Hindsight and new users get DefaultRole.
	GroupsClaim string
	RoleByGroup map[string]hindsight.UserRole
	DefaultRole hindsight.UserRole
	// Name is what the sign-in button says ("Sign in with Okta").
	Name string
	// TrustEmail accepts e-mail addresses the provider does not mark
	// verified (email_verified), for providers that manage addresses
	// themselves and never send the claim. Otherwise an unverified address
	// is refused: it could name somebody else's account, or a reader of a
	// restricted post-mortem.
	TrustEmail bool
}

// Enabled reports whether single sign-on is configured.
func (c OIDCConfig) Enabled() bool { return c.Issuer != "" && c.ClientID != "" }

// OIDC runs the authorization code flow with PKCE. The provider's
// discovery document is fetched on first use (and retried after a
// failure), so Hindsight starts even while the provider is away.
type OIDC struct {
	cfg OIDCConfig
	now func() time.Time

	mu       sync.Mutex
	provider *oidc.Provider
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// Session keys of a sign-in in flight.
const (
	keyState    = "oidc_state"
	keyNonce    = "oidc_nonce"
	keyVerifier = "oidc_verifier"
	keyNext     = "oidc_next"
)

// ErrSSO marks a single sign-on that did not succeed; the message says why
// in words a user can act on.
var ErrSSO = errors.New("single sign-on failed")

// NewOIDC makes the client; now is the service's clock, used to check
// token expiry.
func NewOIDC(cfg OIDCConfig, now func() time.Time) *OIDC {
	if cfg.GroupsClaim == "" {
		cfg.GroupsClaim = "groups"
	}
	if cfg.DefaultRole == "" {
		cfg.DefaultRole = hindsight.Editor
	}
	return &OIDC{cfg: cfg, now: now}
}

// Name is the provider's name for the sign-in button.
func (o *OIDC) Name() string {
	if o.cfg.Name != "" {
		return o.cfg.Name
	}
	return "single sign-on"
}

func (o *OIDC) client(ctx context.Context) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.oauth != nil {
		return o.oauth, o.verifier, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(ctx, o.cfg.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: the sign-on provider %s does not answer (%v)", ErrSSO, o.cfg.Issuer, err)
	}
	o.provider = p
	o.oauth = &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, RedirectURL: o.cfg.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
	o.verifier = p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID, Now: o.now})
	return o.oauth, o.verifier, nil
}

// Begin starts a sign-in: it remembers a fresh state, nonce and PKCE
// verifier in the session and returns the provider's sign-in URL.
func (o *OIDC) Begin(ctx context.Context, s *Sessions, next string) (string, error) {
	conf, _, err := o.client(ctx)
	if err != nil {
		return "", err
	}
	state, nonce, verifier := hindsight.NewSecret(), hindsight.NewSecret(), oauth2.GenerateVerifier()
	s.Put(ctx, keyState, state)
	s.Put(ctx, keyNonce, nonce)
	s.Put(ctx, keyVerifier, verifier)
	s.Put(ctx, keyNext, next)
	return conf.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), nil
}

// Finish completes a sign-in from the provider's redirect: the state must
// be the one this session started (it is used up, so a replayed redirect
// fails), the code is exchanged with the PKCE verifier, and the ID token's
// signature, issuer, audience, expiry and nonce are checked. It returns
// the identity and where to go next.
func (o *OIDC) Finish(ctx context.Context, s *Sessions, r *http.Request) (hindsight.ExternalIdentity, string, error) {
	state, nonce, verifier, next := s.PopString(ctx, keyState), s.PopString(ctx, keyNonce), s.PopString(ctx, keyVerifier), s.PopString(ctx, keyNext)
	q := r.URL.Query()
	if state == "" || subtle.ConstantTimeCompare([]byte(state), []byte(q.Get("state"))) != 1 {
		return hindsight.ExternalIdentity{}, "", fmt.Errorf("%w: this sign-in link was already used or belongs to another browser; start again", ErrSSO)
	}
	if e := q.Get("error"); e != "" {
		return hindsight.ExternalIdentity{}, "", fmt.Errorf("%w: the provider said %s %s", ErrSSO, e, q.Get("error_description"))
	}
	conf, verify, err := o.client(ctx)
	if err != nil {
		return hindsight.ExternalIdentity{}, "", err
	}
	tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return hindsight.ExternalIdentity{}, "", fmt.Errorf("%w: the provider refused the sign-in code (%v)", ErrSSO, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, claims, err := o.verify(ctx, verify, raw, nonce)
	if err != nil {
		return hindsight.ExternalIdentity{}, "", err
	}
	// Many providers put the profile in userinfo, not in the ID token.
	if claims["email"] == nil || claims[o.cfg.GroupsClaim] == nil {
		if err := o.addUserInfo(ctx, conf, tok, idt.Subject, claims); err != nil {
			return hindsight.ExternalIdentity{}, "", err
		}
	}
	id, err := o.identity(idt, claims)
	return id, next, err
}

// Verify checks a raw ID token with verify as a sign-in does and returns
// its "issuer|subject". The nonce must be the one the sign-in started with.
func (o *OIDC) Verify(ctx context.Context, verify *oidc.IDTokenVerifier, raw, nonce string) (string, error) {
	idt, _, err := o.verify(ctx, verify, raw, nonce)
	if err != nil {
		return "", err
	}
	return idt.Issuer + "|" + idt.Subject, nil
}

// verify checks the token's signature, issuer, audience, expiry and nonce.
func (o *OIDC) verify(ctx context.Context, verify *oidc.IDTokenVerifier, raw, nonce string) (*oidc.IDToken, map[string]any, error) {
	if raw == "" {
		return nil, nil, fmt.Errorf("%w: the provider sent no ID token", ErrSSO)
	}
	idt, err := verify.Verify(ctx, raw)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: the ID token is not valid (%v)", ErrSSO, err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return nil, nil, fmt.Errorf("%w: the ID token was made for another sign-in", ErrSSO)
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrSSO, err)
	}
	return idt, claims, nil
}

// addUserInfo adds the claims of the userinfo endpoint that the ID token
// lacks; userinfo must be about the same subject.
func (o *OIDC) addUserInfo(ctx context.Context, conf *oauth2.Config, tok *oauth2.Token, subject string, claims map[string]any) error {
	o.mu.Lock()
	p := o.provider
	o.mu.Unlock()
	info, err := p.UserInfo(ctx, conf.TokenSource(ctx, tok))
	if err != nil {
		return fmt.Errorf("%w: the provider's userinfo failed (%v)", ErrSSO, err)
	}
	if info.Subject != subject {
		return fmt.Errorf("%w: userinfo is about another user", ErrSSO)
	}
	var more map[string]any
	if err := info.Claims(&more); err != nil {
		return fmt.Errorf("%w: %v", ErrSSO, err)
	}
	for k, v := range more {
		if _, ok := claims[k]; !ok {
			claims[k] = v
		}
	}
	return nil
}

// identity reads who signed in from the verified claims.
func (o *OIDC) identity(idt *oidc.IDToken, claims map[string]any) (hindsight.ExternalIdentity, error) {
	email, _ := claims["email"].(string)
	if verified, _ := claims["email_verified"].(bool); !verified && !o.cfg.TrustEmail {
		return hindsight.ExternalIdentity{}, fmt.Errorf("%w: the provider has not verified the e-mail address %s", ErrSSO, email)
	}
	if email == "" {
		return hindsight.ExternalIdentity{}, fmt.Errorf("%w: the provider sent no e-mail address; allow the email scope", ErrSSO)
	}
	name, _ := claims["name"].(string)
	id := hindsight.ExternalIdentity{Subject: idt.Issuer + "|" + idt.Subject, Email: email, Name: name, Groups: stringList(claims[o.cfg.GroupsClaim]), DefaultRole: o.cfg.DefaultRole}
	id.Role = o.roleOf(id.Groups)
	return id, nil
}

// VerifierFor returns the ID token verifier, for checks of tokens outside
// a redirect.
func (o *OIDC) VerifierFor(ctx context.Context) (*oidc.IDTokenVerifier, error) {
	_, v, err := o.client(ctx)
	return v, err
}

// roleOf maps groups to the highest role any of them grants; "" without a
// mapping or a match.
func (o *OIDC) roleOf(groups []string) hindsight.UserRole {
	var best hindsight.UserRole
	for _, g := range groups {
		for k, r := range o.cfg.RoleByGroup {
			if strings.EqualFold(k, g) && (best == "" || r.AtLeast(best)) {
				best = r
			}
		}
	}
	return best
}

// stringList reads a claim that is a list of strings or one string.
func stringList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
