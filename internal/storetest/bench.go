package storetest

import (
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/demo"
)

// BenchCount is how many post-mortems the store benchmarks run against:
// HINDSIGHT_BENCH_COUNT, or 2,000 so a plain `go test -bench` is quick.
// `make bench` uses 100,000.
func BenchCount() int {
	if n, err := strconv.Atoi(os.Getenv("HINDSIGHT_BENCH_COUNT")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// BenchNow is the fixed "now" demo data is generated against, so a cached
// benchmark database stays the same from run to run.
var BenchNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// Seed fills an empty store with n demo post-mortems in one bulk load,
// as `hindsight demo` does.
func Seed(b testing.TB, s hindsight.Store, n int) {
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	svc.Now = func() time.Time { return BenchNow }
	if err := svc.CreateAll(hindsight.CommandLine(b.Context()), demoBatches(1, n, BenchNow)); err != nil {
		b.Fatalf("seed: %v", err)
	}
}

// demoBatches are n demo post-mortems in batches of 1,000.
func demoBatches(seed int64, n int, now time.Time) func(yield func([]*hindsight.PostMortem) bool) {
	return func(yield func([]*hindsight.PostMortem) bool) {
		for from := 0; from < n; from += 1000 {
			if !yield(demo.GenerateRange(seed, from, min(1000, n-from), now)) {
				return
			}
		}
	}
}

// BenchLoad measures filling an empty store with n demo post-mortems in
// one bulk load (CreateAll) against saving them in batches of 1,000
// (CreateMany), as `hindsight demo` did before; each iteration does both
// into fresh stores from open, so both see the same machine. It reports
// both times and their ratio (load/saves).
func BenchLoad(b *testing.B, open func(b *testing.B) hindsight.Store, n int) {
	var saves, loads time.Duration
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		x, y := open(b), open(b)
		b.StartTimer()
		t0 := time.Now()
		svc := hindsight.NewService(x, hindsight.DefaultPolicy())
		for ps := range demoBatches(int64(i), n, BenchNow) {
			if err := svc.CreateMany(hindsight.CommandLine(b.Context()), ps); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		if err := hindsight.NewService(y, hindsight.DefaultPolicy()).CreateAll(hindsight.CommandLine(b.Context()), demoBatches(int64(i), n, BenchNow)); err != nil {
			b.Fatal(err)
		}
		saves, loads = saves+t1.Sub(t0), loads+time.Since(t1)
	}
	if i > 0 && saves > 0 {
		b.ReportMetric(saves.Seconds()/float64(i), "saves-s")
		b.ReportMetric(loads.Seconds()/float64(i), "load-s")
		b.ReportMetric(float64(loads)/float64(saves), "ratio")
	}
}

// RunBenchmarks measures the reads people wait on — get by id (also of
// post-mortems with a long history against ones without), the first list
// page, a filtered page, a search — on a store holding BenchCount() demo
// post-mortems. open returns that store, seeded (and may cache it).
func RunBenchmarks(b *testing.B, open func(b *testing.B, n int) hindsight.Store) {
	n := BenchCount()
	s := open(b, n)
	first, err := s.List(b.Context(), hindsight.ListFilter{Limit: hindsight.MaxPageSize})
	if err != nil || len(first.Items) == 0 {
		b.Fatalf("benchmark store is empty: %v", err)
	}
	ids := make([]string, len(first.Items))
	for i, it := range first.Items {
		ids[i] = it.ID
	}
	b.Run("Get", func(b *testing.B) {
		i := 0
		latency(b, func() error {
			i++
			_, err := s.Get(b.Context(), ids[i%len(ids)])
			return err
		})
	})
	b.Run("ListFirstPage", func(b *testing.B) {
		latency(b, func() error { _, err := s.List(b.Context(), hindsight.ListFilter{}); return err })
	})
	b.Run("ListFiltered", func(b *testing.B) {
		latency(b, func() error {
			_, err := s.List(b.Context(), hindsight.ListFilter{Severity: "SEV2", Tag: "database"})
			return err
		})
	})
	b.Run("GetCurrentWithHistory", func(b *testing.B) { benchHistory(b, s, ids) })
	queries := []string{"connection pool timeouts", "certificate expired", "cache stampede", "retry storm", "schema migration lock", "checkout", "kubernetes memory limit", "dns record"}
	// The commonest words of a real corpus ("deploy" is in most demo
	// post-mortems) match most documents: ranking them all was slow.
	common := []string{"deploy", "database", "timeout", "alert"}
	b.Run("SearchCommonWord", func(b *testing.B) {
		i := 0
		latency(b, func() error {
			i++
			_, err := s.List(b.Context(), hindsight.ListFilter{Q: common[i%len(common)]})
			return err
		})
	})
	b.Run("Search", func(b *testing.B) {
		i := 0
		latency(b, func() error {
			i++
			_, err := s.List(b.Context(), hindsight.ListFilter{Q: queries[i%len(queries)]})
			return err
		})
	})
}

// latency runs fn in the benchmark loop and reports the 95th percentile
// alongside the mean ns/op.
func latency(b *testing.B, fn func() error) {
	var d []time.Duration
	for b.Loop() {
		t := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t))
	}
	slices.Sort(d)
	if len(d) > 0 {
		b.ReportMetric(float64(d[len(d)*95/100].Microseconds())/1000, "p95-ms")
	}
}
