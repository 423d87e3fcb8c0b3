package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
)

// BenchmarkStore runs the shared read benchmarks. The seeded file is kept
// in the temporary directory, keyed by size, so only the first run seeds.
func BenchmarkStore(b *testing.B) {
	storetest.RunBenchmarks(b, func(b *testing.B, n int) hindsight.Store {
		path := filepath.Join(os.TempDir(), fmt.Sprintf("hindsight-bench-%d-v3.db", n))
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
	})
}
