package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"hindsight"
	"hindsight/internal/sqlite"
)

// TestBackupWhileServingAndRestore backs a database up while writes go on,
// checks the copy is whole and holds everything written before the
// backup began, restores it over another database and reads it back.
func TestBackupWhileServingAndRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	s, err := sqlite.Open(t.Context(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	cli := hindsight.CommandLine(t.Context())
	for range 50 {
		if err := svc.Create(cli, &hindsight.PostMortem{Title: "Before the backup"}); err != nil {
			t.Fatal(err)
		}
	}
	// Writers keep going while the backup runs.
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		for !stop.Load() {
			svc.Create(cli, &hindsight.PostMortem{Title: "During the backup"})
		}
	})
	backup := filepath.Join(dir, "backup.db")
	code, _, errOut := hsIn(t, "", "backup", backup, "--db", db)
	stop.Store(true)
	wg.Wait()
	s.Close()
	if code != 0 || !strings.Contains(errOut, "backed up") {
		t.Fatalf("backup: %d %q", code, errOut)
	}
	if code, _, errOut := hsIn(t, "", "backup", backup, "--db", db); code != 1 || !strings.Contains(errOut, "exists") {
		t.Fatalf("a backup over an existing file: %d %q", code, errOut)
	}

	other := filepath.Join(dir, "other.db")
	if code, _, _ := hsIn(t, "", "demo", "--count", "3", "--db", other); code != 0 {
		t.Fatal("demo")
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o644)
	if code, _, errOut := hsIn(t, "", "restore", junk, "--db", other, "--force"); code != 1 || !strings.Contains(errOut, "nothing was changed") {
		t.Fatalf("restoring junk: %d %q", code, errOut)
	}
	if code, _, errOut := hsIn(t, "", "restore", backup, "--db", other); code != 1 || !strings.Contains(errOut, "--force") {
		t.Fatalf("restoring over a database without --force: %d %q", code, errOut)
	}
	if code, _, errOut := hsIn(t, "", "restore", backup, "--db", other, "--force"); code != 0 || !strings.Contains(errOut, "kept the replaced database") {
		t.Fatalf("restore: %d %q", code, errOut)
	}
	kept, _ := filepath.Glob(other + ".replaced-*")
	if len(kept) == 0 {
		t.Fatal("the replaced database was not kept")
	}
	r, err := sqlite.Open(t.Context(), other, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	counts, err := hindsight.NewService(r, hindsight.DefaultPolicy()).CountByStatus(cli)
	if err != nil {
		t.Fatal(err)
	}
	if counts[hindsight.StatusDraft] < 50 {
		t.Fatalf("the restored database holds %d post-mortems, want all 50 written before the backup and more", counts[hindsight.StatusDraft])
	}
}
