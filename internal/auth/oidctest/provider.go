// Package oidctest runs a real OpenID Connect provider in the test process
// — zitadel/oidc's, serving discovery, keys, the authorization code flow
// with PKCE, tokens and userinfo over real HTTP — so single sign-on is
// tested against a provider, not a stand-in.
package oidctest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"golang.org/x/text/language"
)

// Password is every test user's password at the provider.
const Password = "provider-password"

// User is someone the provider knows, with the groups it asserts.
type User struct {
	ID, Username, Email, First, Last string
	Unverified                       bool
	Groups                           []string
}

// Client is an application registered with the provider.
type Client struct {
	ID, Secret, RedirectURI string
}

// Provider is a running provider.
type Provider struct {
	*httptest.Server
	Issuer string
	users  map[string]User
}

// Start runs a provider for the test with these users and clients.
func Start(t testing.TB, users []User, clients []Client) *Provider {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Provider{Issuer: "http://" + ln.Addr().String(), users: map[string]User{}}
	us := userStore{byID: map[string]*storage.User{}, byName: map[string]*storage.User{}}
	for _, u := range users {
		p.users[u.ID] = u
		su := &storage.User{ID: u.ID, Username: u.Username, Password: Password, FirstName: u.First, LastName: u.Last,
			Email: u.Email, EmailVerified: !u.Unverified, PreferredLanguage: language.English}
		us.byID[u.ID], us.byName[u.Username] = su, su
	}
	cs := map[string]*storage.Client{}
	for _, c := range clients {
		cs[c.ID] = storage.WebClient(c.ID, c.Secret, c.RedirectURI)
	}
	st := &groupStorage{Storage: storage.NewStorageWithClients(us, cs), users: p.users}
	router := exampleop.SetupServer(p.Issuer, st, nil, false)
	p.Server = &httptest.Server{Listener: ln, Config: &http.Server{Handler: router}}
	p.Start()
	t.Cleanup(p.Close)
	return p
}

// SignIn completes the provider's login page for the sign-in request the
// browser was sent to (at loginURL), as the user would, and returns the
// response the browser gets.
func (p *Provider) SignIn(b *http.Client, loginURL, username string) (*http.Response, error) {
	u, err := url.Parse(loginURL)
	if err != nil {
		return nil, err
	}
	id := u.Query().Get("authRequestID")
	if id == "" {
		return nil, fmt.Errorf("%s is not the provider's login page", loginURL)
	}
	return b.PostForm(p.Issuer+"/login/username", url.Values{"id": {id}, "username": {username}, "password": {Password}})
}

// groupStorage is the example storage asserting each user's groups in the
// "groups" claim, as Okta, Keycloak or Azure AD do when asked.
type groupStorage struct {
	*storage.Storage
	users map[string]User
}

func (s *groupStorage) SetUserinfoFromScopes(ctx context.Context, info *oidc.UserInfo, userID, clientID string, scopes []string) error {
	if err := s.Storage.SetUserinfoFromScopes(ctx, info, userID, clientID, scopes); err != nil {
		return err
	}
	return s.addGroups(info, userID)
}

func (s *groupStorage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, origin string) error {
	if err := s.Storage.SetUserinfoFromToken(ctx, info, tokenID, subject, origin); err != nil {
		return err
	}
	return s.addGroups(info, subject)
}

func (s *groupStorage) addGroups(info *oidc.UserInfo, userID string) error {
	if u, ok := s.users[userID]; ok && len(u.Groups) > 0 {
		info.AppendClaims("groups", u.Groups)
	}
	return nil
}

// userStore is the provider's users.
type userStore struct {
	byID, byName map[string]*storage.User
}

func (u userStore) GetUserByID(id string) *storage.User         { return u.byID[id] }
func (u userStore) GetUserByUsername(name string) *storage.User { return u.byName[name] }
func (u userStore) ExampleClientID() string                     { return "none" }
