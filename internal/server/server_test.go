package server

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/sqlite"
)

func TestSecurityHeadersAndHealth(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := New(config.Default(), hindsight.NewService(s, hindsight.DefaultPolicy()))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
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
