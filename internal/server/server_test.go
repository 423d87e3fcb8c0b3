package server

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/sqlite"
)

// newServer runs the whole product on a SQLite file.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, err := New(config.Default(), hindsight.NewService(s, hindsight.DefaultPolicy()))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestSecurityHeadersAndHealth(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{"/healthz", "/api/v1/postmortems", "/api/v1/nope", "/calendar.ics", "/"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if path != "/api/v1/nope" && res.StatusCode != 200 {
			t.Errorf("%s: %d", path, res.StatusCode)
		}
		if res.Header.Get("Content-Security-Policy") != ContentSecurityPolicy || res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s lacks security headers: %v", path, res.Header)
		}
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
	srv := newServer(t)
	post := func(site string) int {
		req, _ := http.NewRequest("POST", srv.URL+"/postmortems", strings.NewReader("title=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if site != "" {
			req.Header.Set("Sec-Fetch-Site", site)
		}
		noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
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
