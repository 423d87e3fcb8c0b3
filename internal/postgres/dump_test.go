package postgres_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/storetest"
)

// TestDumpRestores backs a database up the way the README says —
// pg_dump --format=custom, then pg_restore into a new database — and reads
// every post-mortem, account and audit event back from the copy.
func TestDumpRestores(t *testing.T) {
	dump, err := exec.LookPath("pg_dump")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pg_dump is required under CI=true (make test installs postgresql-client)")
		}
		t.Skip("no pg_dump")
	}
	src := pgtest.URL(t)
	s, err := postgres.Open(t.Context(), src, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	cli := hindsight.CommandLine(t.Context())
	p := storetest.Full()
	if err := svc.Create(cli, p); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddUser(cli, hindsight.NewUser{Email: "mei@example.com", Name: "Mei", Role: hindsight.Admin}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "hindsight.dump")
	if out, err := exec.Command(dump, "--format=custom", "--file", file, src).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	dst := pgtest.URL(t)
	if out, err := exec.Command("pg_restore", "--no-owner", "--dbname", dst, file).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	r, err := postgres.Open(t.Context(), dst, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Ready(t.Context()); err != nil {
		t.Fatalf("the restored database is not ready: %v", err)
	}
	rs := hindsight.NewService(r, hindsight.DefaultPolicy())
	got, err := rs.Get(cli, p.ID)
	if err != nil || got.Title != p.Title || len(got.Events) != len(p.Events) || got.Version != p.Version {
		t.Fatalf("restored post-mortem: %+v %v", got, err)
	}
	if page, err := rs.List(cli, hindsight.ListFilter{Q: "connection pool"}); err != nil || len(page.Items) != 1 {
		t.Fatalf("search in the restored database: %+v %v", page, err)
	}
	if u, err := rs.UserByEmail(cli, "mei@example.com"); err != nil || u.Role != hindsight.Admin {
		t.Fatalf("restored account: %+v %v", u, err)
	}
	if log, err := rs.Audit(cli, hindsight.AuditFilter{}); err != nil || len(log.Items) == 0 {
		t.Fatalf("restored audit log: %+v %v", log, err)
	}
}
