package server

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/sqlite"
)

const password = "correct horse battery staple"

// instance is the whole product on a SQLite file.
type instance struct {
	*httptest.Server
	svc *hindsight.Service
}

func newServer(t *testing.T, edit ...func(*config.Config)) *instance {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cfg := config.Default()
	for _, e := range edit {
		e(&cfg)
	}
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	h, err := New(cfg, svc)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &instance{srv, svc}
}

// browser is an HTTP client with cookies that does not follow redirects.
func browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn adds an account and signs a new browser in with it.
func (in *instance) signIn(t *testing.T, email string, role hindsight.UserRole) *http.Client {
	t.Helper()
	if _, err := in.svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: email, Name: email, Role: role, Password: password}); err != nil {
		t.Fatal(err)
	}
	b := browser()
	res, err := b.PostForm(in.URL+"/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("sign in: %v %v", res, err)
	}
	res.Body.Close()
	return b
}

func get(t *testing.T, c *http.Client, u string) *http.Response {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestSecurityHeadersAndHealth(t *testing.T) {
	in := newServer(t)
	b := in.signIn(t, "mei@example.com", hindsight.Editor)
	for path, want := range map[string]int{"/healthz": 200, "/api/v1/postmortems": 200, "/api/v1/nope": 404, "/calendar.ics": 200, "/": 200, "/signin": 303} {
		res := get(t, b, in.URL+path)
		if res.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
		}
		if res.Header.Get("Content-Security-Policy") != ContentSecurityPolicy || res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s lacks security headers: %v", path, res.Header)
		}
	}
	// Nobody signed in: pages send to sign-in, the API and feeds say 401.
	for path, want := range map[string]int{"/healthz": 200, "/api/v1/postmortems": 401, "/calendar.ics": 401, "/": 303, "/countermeasures": 303, "/signin": 200} {
		if res := get(t, browser(), in.URL+path); res.StatusCode != want {
			t.Errorf("signed out %s: %d, want %d", path, res.StatusCode, want)
		}
	}
	if res := get(t, browser(), in.URL+"/insights?from=2026-01-01"); res.Header.Get("Location") != "/signin?next=%2Finsights%3Ffrom%3D2026-01-01" {
		t.Errorf("sign-in does not come back to the page: %q", res.Header.Get("Location"))
	}
}

func TestPanicBecomes500(t *testing.T) {
	h := recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 {
		t.Fatalf("status %d", rec.Code)
	}
}

func TestCrossSitePostsRefused(t *testing.T) {
	in := newServer(t)
	b := in.signIn(t, "mei@example.com", hindsight.Editor)
	post := func(site string) int {
		req, _ := http.NewRequest("POST", in.URL+"/postmortems", strings.NewReader("title=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if site != "" {
			req.Header.Set("Sec-Fetch-Site", site)
		}
		res, err := b.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusSeeOther && !strings.HasPrefix(res.Header.Get("Location"), "/postmortems/") {
			t.Errorf("%s post went to %s, not the saved post-mortem", site, res.Header.Get("Location"))
		}
		return res.StatusCode
	}
	if code := post("cross-site"); code != http.StatusForbidden {
		t.Errorf("cross-site form post: %d, want 403", code)
	}
	if code := post("same-origin"); code != http.StatusSeeOther {
		t.Errorf("same-origin form post: %d, want 303", code)
	}
	if code := post(""); code != http.StatusSeeOther {
		t.Errorf("a non-browser client: %d, want 303", code)
	}
}

// TestOnlyExpectedHosts refuses DNS rebinding: a request for another host
// name is answered 421 and changes nothing.
func TestOnlyExpectedHosts(t *testing.T) {
	in := newServer(t, func(c *config.Config) { c.BaseURL = "https://hindsight.example.com" })
	b := in.signIn(t, "mei@example.com", hindsight.Editor)
	for _, host := range []string{"rebind.evil.example", "evil.example:8080", "hindsight.example.com.evil.example"} {
		for _, method := range []string{"GET", "POST"} {
			req, _ := http.NewRequest(method, in.URL+"/api/v1/postmortems", strings.NewReader(`{"title":"rebound"}`))
			req.Host = host
			req.Header.Set("Content-Type", "application/json")
			res, err := b.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusMisdirectedRequest {
				t.Errorf("%s %s: %d, want 421", method, host, res.StatusCode)
			}
		}
	}
	for _, host := range []string{"hindsight.example.com", "HINDSIGHT.example.com:443", "localhost:8080", "127.0.0.1", "[::1]:9000"} {
		req, _ := http.NewRequest("GET", in.URL+"/healthz", nil)
		req.Host = host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("%s: %d, want 200", host, res.StatusCode)
		}
	}
}

// newTestServer serves h on a test server closed with the test.
func newTestServer(t *testing.T, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
