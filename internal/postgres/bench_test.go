package postgres_test

import (
	"fmt"
	"testing"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/storetest"
)

// BenchmarkStore runs the shared read benchmarks on a database kept
// between runs (named by size), so only the first run seeds it.
func BenchmarkStore(b *testing.B) {
	storetest.RunBenchmarks(b, func(b *testing.B, n int) hindsight.Store {
		admin := pgtest.Admin(b)
		defer admin.Close()
		name := fmt.Sprintf("hindsight_bench_%d_v3", n)
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
		}
		return s
	})
}
