package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/sqlite"
)

// TestCheckpointsInBackground saves post-mortems and reads the database
// file alone, ignoring the write-ahead log (immutable=1): what was saved
// reaches the file within a few checkpoint ticks, though the writer makes
// no checkpoints itself.
func TestCheckpointsInBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hindsight.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	ctx := hindsight.CommandLine(t.Context())
	for i := range 3 {
		if err := svc.Create(ctx, &hindsight.PostMortem{Title: "Checkpointed " + string(rune('A'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	inFile := func() int {
		db, err := sql.Open("sqlite", "file:"+path+"?immutable=1")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM postmortems WHERE title LIKE 'Checkpointed %'`).Scan(&n); err != nil {
			return -1 // the file alone may not hold the schema yet
		}
		return n
	}
	var n int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if n = inFile(); n == 3 {
			return
		}
	}
	t.Fatalf("post-mortems in the database file after 10 s: %d of 3", n)
}
