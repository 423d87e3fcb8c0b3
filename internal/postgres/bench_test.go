package postgres_test

import (
	"testing"

	"hindsight"
	"hindsight/internal/benchdata"
	"hindsight/internal/storetest"
)

// BenchmarkStore runs the shared read benchmarks on a seeded database kept
// between runs.
func BenchmarkStore(b *testing.B) {
	storetest.RunBenchmarks(b, func(b *testing.B, n int) hindsight.Store { return benchdata.Postgres(b, n) })
}
