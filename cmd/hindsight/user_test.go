package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/server"
	"hindsight/internal/sqlite"
)

// hsIn runs the CLI with standard input.
func hsIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runIn(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestUserAndTokenCommands manages accounts the way an operator's script
// does, then uses the printed token against a server on the same
// database.
func TestUserAndTokenCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	pw := "correct horse battery staple\n"
	if code, _, errOut := hsIn(t, pw, "user", "add", "Ops@Example.com", "--name", "Ops Person", "--role", "admin", "--password-stdin", "--db", db); code != 0 || !strings.Contains(errOut, "added ops@example.com (admin)") {
		t.Fatalf("user add: %d %q", code, errOut)
	}
	if code, _, errOut := hsIn(t, "password\n", "user", "add", "weak@example.com", "--password-stdin", "--db", db); code != 1 || !strings.Contains(errOut, "password") {
		t.Fatalf("a weak password: %d %q", code, errOut)
	}
	if code, _, errOut := hsIn(t, "", "user", "add", "x@example.com", "--role", "root", "--db", db); code != 1 || !strings.Contains(errOut, "role") {
		t.Fatalf("a bad role: %d %q", code, errOut)
	}
	code, link, _ := hsIn(t, "", "user", "add", "dev@example.com", "--name", "Dev", "--db", db)
	if code != 0 || !strings.HasPrefix(link, "http://127.0.0.1:8080/reset/") || strings.Count(link, "\n") != 1 {
		t.Fatalf("user add without a password prints a set-password link alone: %d %q", code, link)
	}
	if code, _, errOut := hsIn(t, "", "user", "set-role", "dev@example.com", "viewer", "--db", db); code != 0 || !strings.Contains(errOut, "dev@example.com is viewer") {
		t.Fatalf("set-role: %d %q", code, errOut)
	}
	if code, _, errOut := hsIn(t, "", "user", "set-role", "ops@example.com", "editor", "--db", db); code != 1 || !strings.Contains(errOut, "only admin") {
		t.Fatalf("demoting the only admin: %d %q", code, errOut)
	}
	if code, _, _ := hsIn(t, "", "user", "disable", "dev@example.com", "--db", db); code != 0 {
		t.Fatal("disable")
	}
	code, list, _ := hsIn(t, "", "user", "list", "--db", db)
	if code != 0 || !strings.Contains(list, "dev@example.com") || !strings.Contains(list, "disabled") || !strings.Contains(list, "ops@example.com  Ops Person  admin") {
		t.Fatalf("list: %d\n%s", code, list)
	}
	if code, _, errOut := hsIn(t, "an even better sentence here\n", "user", "reset-password", "dev@example.com", "--password-stdin", "--db", db); code != 0 || !strings.Contains(errOut, "set") {
		t.Fatalf("reset-password: %d %q", code, errOut)
	}
	if code, _, errOut := hsIn(t, "", "user", "enable", "nobody@example.com", "--db", db); code != 1 || !strings.Contains(errOut, "nobody@example.com") {
		t.Fatalf("a missing account: %d %q", code, errOut)
	}
	code, token, errOut := hsIn(t, "", "token", "create", "ops@example.com", "--read-only", "--expires", "30d", "--db", db)
	if code != 0 || !strings.HasPrefix(token, "hst_") || strings.Count(token, "\n") != 1 {
		t.Fatalf("token create prints the token alone: %d %q %q", code, token, errOut)
	}
	if code, _, _ := hsIn(t, "", "token", "create", "ops@example.com", "--expires", "soon", "--db", db); code != 2 {
		t.Fatalf("a bad expiry: %d", code)
	}

	// The token works against a server on the same database, read-only.
	s, err := sqlite.Open(t.Context(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := server.New(config.Default(), hindsight.NewService(s, hindsight.DefaultPolicy()))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	for method, want := range map[string]int{"GET": 200, "POST": 403} {
		req, _ := http.NewRequest(method, srv.URL+"/api/v1/postmortems", strings.NewReader(`{"title":"x"}`))
		req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(token))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != want {
			t.Fatalf("%s with the token: %v %v, want %d", method, res, err, want)
		}
		res.Body.Close()
	}
}
