package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
)

func openTemp(t *testing.T) hindsight.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "hindsight.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, openTemp) }

// TestMigrationBackfill takes migrations 0003 and 0021 out of a database
// with data and opens it again: the people, owner keys, kept attachments,
// list summaries and search entries they derive must come from what was
// stored.
func TestMigrationBackfill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hindsight.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pm, att := storetest.Unmigrated(t, s)
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE pending_uploads`, `DROP TABLE postmortem_people`, `DROP TABLE people`,
		`DROP INDEX attachments_unlinked`, `ALTER TABLE attachments DROP COLUMN linked`,
		`UPDATE countermeasures SET owner = 'Mei  LIN'`, `DELETE FROM schema_migrations WHERE version = 3`,
		`DROP TABLE postmortem_summaries`, `DELETE FROM postmortem_fts`, `DELETE FROM schema_migrations WHERE version = 21`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err = sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Backfilled(t, s, pm, att)
}
