package auth_test

import (
	"errors"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"hindsight"
	"hindsight/internal/auth"
	"hindsight/internal/auth/oidctest"
)

const redirect = "http://127.0.0.1:1/callback"

// idToken runs the authorization code flow with PKCE for a client against
// the provider, as a browser and a client application would, and returns
// the raw ID token and the nonce it was asked with.
func idToken(t *testing.T, p *oidctest.Provider, c oidctest.Client, username string) (string, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	code := ""
	b := &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), c.RedirectURI) {
			code = req.URL.Query().Get("code")
			return http.ErrUseLastResponse
		}
		return nil
	}}
	conf := &oauth2.Config{ClientID: c.ID, ClientSecret: c.Secret, RedirectURL: c.RedirectURI, Scopes: []string{"openid", "email", "profile"},
		Endpoint: oauth2.Endpoint{AuthURL: p.Issuer + "/auth", TokenURL: p.Issuer + "/oauth/token"}}
	verifier, nonce := oauth2.GenerateVerifier(), hindsight.NewSecret()
	res, err := b.Get(conf.AuthCodeURL("state", oauth2.S256ChallengeOption(verifier), oauth2.SetAuthURLParam("nonce", nonce)))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = p.SignIn(b, res.Request.URL.String(), username)
	if err != nil || code == "" {
		t.Fatalf("provider sign-in: %v %v", res, err)
	}
	res.Body.Close()
	tok, err := conf.Exchange(t.Context(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := tok.Extra("id_token").(string)
	return raw, nonce
}

// TestIDTokenChecks checks that an ID token for another client, an expired
// one, one with a bad signature and one for another sign-in are all
// refused, against tokens a real provider issued.
func TestIDTokenChecks(t *testing.T) {
	a := oidctest.Client{ID: "hindsight", Secret: "secret-a", RedirectURI: redirect}
	b := oidctest.Client{ID: "another-app", Secret: "secret-b", RedirectURI: redirect}
	p := oidctest.Start(t, []oidctest.User{{ID: "u1", Username: "mei", Email: "mei@example.com", First: "Mei", Last: "Lin"}}, []oidctest.Client{a, b})
	now := time.Now()
	clock := func() time.Time { return now }
	o := auth.NewOIDC(auth.OIDCConfig{Issuer: p.Issuer, ClientID: a.ID, ClientSecret: a.Secret, RedirectURL: redirect}, clock)
	verify, err := o.VerifierFor(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	raw, nonce := idToken(t, p, a, "mei")
	if id, err := o.Verify(t.Context(), verify, raw, nonce); err != nil || id != p.Issuer+"|u1" {
		t.Fatalf("a good token: %+v %v", id, err)
	}
	refused := func(what, raw, nonce string) {
		t.Helper()
		if _, err := o.Verify(t.Context(), verify, raw, nonce); !errors.Is(err, auth.ErrSSO) {
			t.Errorf("%s accepted: %v", what, err)
		}
	}
	other, otherNonce := idToken(t, p, b, "mei")
	refused("a token for another client (wrong audience)", other, otherNonce)
	parts := strings.Split(raw, ".")
	sig := []byte(parts[2])
	sig[10] ^= 1
	refused("a token with a bad signature", parts[0]+"."+parts[1]+"."+string(sig), nonce)
	refused("a token for another sign-in (nonce)", raw, "another-nonce")
	refused("no token", "", nonce)
	now = now.Add(2 * time.Hour) // the provider's tokens live an hour
	refused("an expired token", raw, nonce)
}
