package main

import (
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
)

// TestMigrateSQLiteToPostgres fills a SQLite database with every kind of
// record, moves it to a new PostgreSQL database, and finds on the other
// side the same post-mortems (searchable, with history and images), the
// trash, accounts that sign in with the same password, tokens that work,
// and the audit log — and a second move into the now full database is
// refused.
func TestMigrateSQLiteToPostgres(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	cli := hindsight.CommandLine(t.Context())
	mei, err := svc.AddUser(cli, hindsight.NewUser{Email: "mei@example.com", Name: "Mei Lin", Role: hindsight.Editor, Password: "correct horse battery staple"})
	if err != nil {
		t.Fatal(err)
	}
	svc.SetGroups(cli, mei.ID, []string{"secops"})
	ctx := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: mei})
	_, token, _ := svc.CreateToken(ctx, hindsight.NewToken{Name: "ci"})
	full := storetest.Full()
	full.Access = hindsight.Access{Restricted: true, Groups: []string{"secops"}}
	if err := svc.Create(ctx, full); err != nil {
		t.Fatal(err)
	}
	full.Summary = "A second version, for the history."
	if err := svc.Update(ctx, full); err != nil {
		t.Fatal(err)
	}
	img := &hindsight.Attachment{PostMortemID: full.ID, Filename: "graph.png", Data: []byte("\x89PNG\r\n\x1a\ngraph")}
	if err := svc.AddAttachment(ctx, img); err != nil {
		t.Fatal(err)
	}
	gone := &hindsight.PostMortem{Title: "Deleted, in the trash"}
	svc.Create(ctx, gone)
	if err := svc.Delete(cli, gone.ID, gone.Version); err != nil {
		t.Fatal(err)
	}
	s.Close()

	url := pgtest.URL(t)
	code, out, errOut := hsIn(t, "", "migrate", "--from", "sqlite:"+path, "--to", url)
	if code != 0 {
		t.Fatalf("migrate: %d\n%s\n%s", code, out, errOut)
	}
	for _, table := range []string{"postmortems", "users", "tokens", "audit_log", "attachments", "postmortem_versions", "trash"} {
		if !strings.Contains(out, "\n"+table+" ") {
			t.Errorf("the verification does not list %s:\n%s", table, out)
		}
	}
	if strings.Contains(out, "DIFFERENT") {
		t.Fatalf("tables differ:\n%s", out)
	}

	pg, err := postgres.Open(t.Context(), url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	moved := hindsight.NewService(pg, hindsight.DefaultPolicy())
	u, err := moved.SignIn(t.Context(), "mei@example.com", "correct horse battery staple", "127.0.0.1")
	if err != nil || u.ID != mei.ID || len(u.Groups) != 1 {
		t.Fatalf("sign in after the move: %+v %v", u, err)
	}
	p, err := moved.Authenticate(t.Context(), token, hindsight.TokenAPI, "127.0.0.1")
	if err != nil {
		t.Fatalf("the token after the move: %v", err)
	}
	as := hindsight.WithPrincipal(t.Context(), p)
	got, err := moved.Get(as, full.ID)
	if err != nil || got.Summary != full.Summary || got.Version != 2 || !got.Access.Restricted {
		t.Fatalf("the post-mortem after the move: %+v %v", got, err)
	}
	if page, err := moved.List(as, hindsight.ListFilter{Q: "connection pool"}); err != nil || len(page.Items) != 1 {
		t.Fatalf("search after the move: %+v %v", page, err)
	}
	if vs, err := moved.Versions(as, full.ID, hindsight.RevisionFilter{}); err != nil || len(vs.Items) != 2 {
		t.Fatalf("history after the move: %+v %v", vs, err)
	}
	if a, err := moved.Attachment(as, full.ID, img.ID); err != nil || string(a.Data) != string(img.Data) {
		t.Fatalf("image after the move: %v", err)
	}
	if err := moved.RestoreFromTrash(cli, gone.ID); err != nil {
		t.Fatalf("restore from the trash after the move: %v", err)
	}
	// A move never merges into a database that holds anything.
	if code, _, errOut := hsIn(t, "", "migrate", "--from", "sqlite:"+path, "--to", url); code != 1 || !strings.Contains(errOut, "not empty") {
		t.Fatalf("a second move: %d %q", code, errOut)
	}
}
