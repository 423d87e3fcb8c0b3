package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/demo"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
)

// BenchmarkCreateMany measures the bulk write path demo data and imports
// use: one transaction of 1,000 realistic post-mortems.
func BenchmarkCreateMany(b *testing.B) {
	s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	now := time.Now()
	from := 0
	for b.Loop() {
		b.StopTimer()
		batch := demo.GenerateRange(1, from, 1000, now)
		for _, p := range batch {
			svc.Prepare(p)
		}
		from += 1000
		b.StartTimer()
		if err := s.CreateMany(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad measures `hindsight demo`'s bulk load of 10,000
// post-mortems against saving them in batches (see storetest.BenchLoad).
func BenchmarkLoad(b *testing.B) {
	storetest.BenchLoad(b, func(b *testing.B) hindsight.Store {
		s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "h.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}, 10_000)
}
