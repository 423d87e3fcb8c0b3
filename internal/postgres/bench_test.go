package postgres_test

import (
	"testing"

	"hindsight"
	"hindsight/internal/benchdata"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/storetest"
)

// BenchmarkStore runs the shared read benchmarks on a seeded database kept
// between runs.
func BenchmarkStore(b *testing.B) {
	storetest.RunBenchmarks(b, func(b *testing.B, n int) hindsight.Store { return benchdata.Postgres(b, n) })
}

// BenchmarkLoad measures `hindsight demo`'s bulk load of 10,000
// post-mortems against saving them in batches (see storetest.BenchLoad).
func BenchmarkLoad(b *testing.B) {
	storetest.BenchLoad(b, func(b *testing.B) hindsight.Store {
		s, err := postgres.Open(b.Context(), pgtest.URL(b), postgres.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}, 10_000)
}
