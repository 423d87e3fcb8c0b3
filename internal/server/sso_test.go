package server

import (
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/auth/oidctest"
	"hindsight/internal/config"
	"hindsight/internal/sqlite"
)

// ssoInstance is Hindsight configured for single sign-on with a real
// provider running beside it.
func ssoInstance(t *testing.T, users []oidctest.User) (*instance, *oidctest.Provider) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	p := oidctest.Start(t, users, []oidctest.Client{{ID: "hindsight", Secret: "s3cret", RedirectURI: base + "/auth/oidc/callback"}})
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cfg := config.Default()
	cfg.BaseURL = base
	cfg.SignIn.OIDC = config.OIDC{Issuer: p.Issuer, ClientID: "hindsight", ClientSecret: "s3cret", Name: "Example SSO", GroupsClaim: "groups",
		RoleByGroup: map[string]hindsight.UserRole{"hindsight-admins": hindsight.Admin, "readers": hindsight.Viewer}, DefaultRole: hindsight.Editor}
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	h, err := New(cfg, svc)
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return &instance{srv, svc}, p
}

// ssoSignIn follows the whole flow in a browser with cookies: Hindsight
// sends it to the provider, the user signs in there, the provider sends it
// back. It returns the browser, the final response's body and the callback
// address the provider redirected to.
func ssoSignIn(t *testing.T, in *instance, p *oidctest.Provider, username string) (*http.Client, *http.Response, string, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	callback := ""
	b := &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if strings.Contains(req.URL.Path, "/auth/oidc/callback") {
			callback = req.URL.String()
		}
		return nil
	}}
	res, err := b.Get(in.URL + "/auth/oidc/login?next=/insights")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if !strings.HasPrefix(res.Request.URL.String(), p.Issuer+"/login/username") {
		t.Fatalf("not sent to the provider's login: %s", res.Request.URL)
	}
	if q := res.Request.URL.Query(); q.Get("authRequestID") == "" {
		t.Fatalf("login page without a request: %s", res.Request.URL)
	}
	res, err = p.SignIn(b, res.Request.URL.String(), username)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return b, res, string(body), callback
}

// TestSingleSignOn signs in through a real OpenID provider: the account is
// made at first sign-in with the role its groups map to, linked to the
// provider's subject, and a replayed callback is refused.
func TestSingleSignOn(t *testing.T) {
	in, p := ssoInstance(t, []oidctest.User{
		{ID: "u1", Username: "mei", Email: "Mei.Lin@example.com", First: "Mei", Last: "Lin", Groups: []string{"engineering", "hindsight-admins"}},
		{ID: "u2", Username: "rae", Email: "rae@example.com", First: "Rae", Last: "Reader", Groups: []string{"readers"}},
		{ID: "u3", Username: "eve", Email: "eve@example.com", First: "Eve", Last: "Unverified", Unverified: true},
	})
	if res := get(t, browser(), in.URL+"/signin"); res.StatusCode != 200 {
		t.Fatal(res.StatusCode)
	}
	b, res, body, callback := ssoSignIn(t, in, p, "mei")
	if res.StatusCode != 200 || res.Request.URL.Path != "/insights" || !strings.Contains(body, "Mei Lin") {
		t.Fatalf("after sign-on: %d %s", res.StatusCode, res.Request.URL)
	}
	cli := hindsight.CommandLine(t.Context())
	u, err := in.svc.UserByEmail(cli, "mei.lin@example.com")
	if err != nil || u.Role != hindsight.Admin || u.Subject != p.Issuer+"|u1" || strings.Join(u.Groups, ",") != "engineering,hindsight-admins" || u.Name != "Mei Lin" {
		t.Fatalf("account made at first sign-in: %+v %v", u, err)
	}
	if r := get(t, b, in.URL+"/admin/users"); r.StatusCode != 200 {
		t.Fatalf("the mapped admin role does not work: %d", r.StatusCode)
	}
	// The provider's redirect replayed — by an attacker who saw it, or the
	// back button — is refused: its state was used up.
	replay, err := b.Get(callback)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(replay.Body)
	replay.Body.Close()
	if replay.StatusCode != http.StatusUnauthorized || !strings.Contains(string(page), "already used") {
		t.Fatalf("a replayed callback: %d", replay.StatusCode)
	}
	// Another browser replaying it is refused too.
	jar, _ := cookiejar.New(nil)
	stranger := &http.Client{Jar: jar}
	if r := get(t, stranger, callback); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a callback replayed in another browser: %d", r.StatusCode)
	}
	// A reader's groups map to viewer: reads, cannot write.
	rb, res, _, _ := ssoSignIn(t, in, p, "rae")
	if res.StatusCode != 200 {
		t.Fatal(res.StatusCode)
	}
	if r := get(t, rb, in.URL+"/postmortems/new"); r.StatusCode == 200 {
		t.Fatal("a viewer got the new post-mortem form")
	}
	// An address the provider has not verified signs nobody in.
	_, res, body, _ = ssoSignIn(t, in, p, "eve")
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "not verified") {
		t.Fatalf("unverified e-mail: %d", res.StatusCode)
	}
	if _, err := in.svc.UserByEmail(cli, "eve@example.com"); err == nil {
		t.Fatal("an account was made for an unverified address")
	}
	// A disabled account stays out even through single sign-on.
	rae, _ := in.svc.UserByEmail(cli, "rae@example.com")
	in.svc.SetDisabled(cli, rae.ID, true)
	if _, res, _, _ := ssoSignIn(t, in, p, "rae"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a disabled account signed on: %d", res.StatusCode)
	}
}
