package postgres_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/storetest"
)

func openFresh(t *testing.T) hindsight.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, openFresh) }

// TestConcurrentOpenMigratesOnce starts several instances at once on a new
// database, as a load-balanced deployment does: all must come up.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	url := pgtest.URL(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := postgres.Open(context.Background(), url, postgres.Options{})
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
}

// TestMigrationBackfill takes migrations 0003 and 0021 out of a database
// with data and opens it again: the people, owner keys, kept attachments,
// list summaries and search entries they derive must come from what was
// stored.
func TestMigrationBackfill(t *testing.T) {
	url := pgtest.URL(t)
	s, err := postgres.Open(t.Context(), url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pm, att := storetest.Unmigrated(t, s)
	s.Close()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE pending_uploads`, `DROP TABLE postmortem_people`, `DROP TABLE people`,
		`ALTER TABLE attachments DROP COLUMN linked`,
		`UPDATE countermeasures SET owner = 'Mei  LIN'`, `DELETE FROM schema_migrations WHERE version = 3`,
		`DROP TABLE postmortem_summaries`, `DROP INDEX postmortem_search_recent`,
		`ALTER TABLE postmortem_search DROP COLUMN text_title, DROP COLUMN text_summary, DROP COLUMN text_body`,
		`DELETE FROM schema_migrations WHERE version = 21`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err = postgres.Open(t.Context(), url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Backfilled(t, s, pm, att)
}

// TestPurgeFromTwoInstances purges abandoned uploads from two instances
// of one database at once, as every server does on its own schedule:
// neither fails and each image is purged once.
func TestPurgeFromTwoInstances(t *testing.T) {
	url := pgtest.URL(t)
	var stores [2]*postgres.Store
	for i := range stores {
		s, err := postgres.Open(t.Context(), url, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	old := time.Now().Add(-48 * time.Hour)
	for range 40 {
		u := &hindsight.Upload{OwnerID: "ana", Filename: "x.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nx"), CreatedAt: old}
		if err := stores[0].PutUpload(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var counts [8]hindsight.Purged
	var errs [8]error
	for i := range counts {
		wg.Go(func() {
			counts[i], errs[i] = stores[i%2].PurgeUploads(context.Background(), time.Now().Add(-24*time.Hour))
		})
	}
	wg.Wait()
	total := 0
	for i, n := range counts {
		if errs[i] != nil {
			t.Errorf("purge %d: %v", i, errs[i])
		}
		total += n.Uploads
	}
	if total != 40 {
		t.Errorf("%d uploads purged over all runs, want each of the 40 once", total)
	}
}
