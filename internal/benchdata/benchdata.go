// Package benchdata opens stores filled with demo post-mortems for the
// benchmarks, kept between runs by size (and by the shape of the demo data)
// so only the first run pays for seeding.
package benchdata

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
)

// generation names the demo data's shape; change it when the demo changes
// so old cached databases are not measured as new ones.
const generation = "v4"

// SQLite opens the SQLite file holding n demo post-mortems.
func SQLite(b testing.TB, n int) *sqlite.Store {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hindsight-bench-%d-%s.db", n, generation))
	_, statErr := os.Stat(path)
	s, err := sqlite.Open(b.Context(), path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if statErr != nil {
		storetest.Seed(b, s, n)
	}
	return s
}

// Postgres opens the PostgreSQL database holding n demo post-mortems (the
// test server's rules apply: skipped without one, except under CI).
func Postgres(b testing.TB, n int) *postgres.Store {
	admin := pgtest.Admin(b)
	defer admin.Close()
	name := fmt.Sprintf("hindsight_bench_%d_%s", n, generation)
	var exists bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if !exists {
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
			b.Fatal(err)
		}
	}
	s, err := postgres.Open(b.Context(), pgtest.WithDatabase(pgtest.AdminURL(), name), postgres.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if !exists {
		storetest.Seed(b, s, n)
		// Planner statistics for the bulk-loaded tables now, as autovacuum
		// would do a while later.
		if _, err := s.DB().ExecContext(b.Context(), `ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// Engines are the seeded stores by engine name, for benchmarks that run
// on both.
var Engines = []struct {
	Name string
	Open func(b testing.TB, n int) hindsight.Store
}{
	{"sqlite", func(b testing.TB, n int) hindsight.Store { return SQLite(b, n) }},
	{"postgres", func(b testing.TB, n int) hindsight.Store { return Postgres(b, n) }},
}
