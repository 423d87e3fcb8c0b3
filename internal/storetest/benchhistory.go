package storetest

import (
	"fmt"
	"testing"
	"time"

	"hindsight"
)

// Benchmark histories: HistoryDocs post-mortems of the benchmark store
// are each saved HistoryVersions times, so reading the current version
// of one with a long history can be set against reading one without.
const (
	HistoryDocs     = 10
	HistoryVersions = 500
)

// benchHistory measures reading the current version of a post-mortem
// saved HistoryVersions times against reading one never edited, drawn
// alike from the newest post-mortems of the same store, in one loop: each
// iteration reads one of each, so both see the same cache and load. It
// reports both mean latencies and their ratio (with/without history).
func benchHistory(b *testing.B, s hindsight.Store, ids []string) {
	if len(ids) < 2*HistoryDocs {
		b.Skipf("need %d post-mortems, have %d", 2*HistoryDocs, len(ids))
	}
	var with, without []string
	for i := range 2 * HistoryDocs {
		if i%2 == 0 {
			with = append(with, ids[i])
		} else {
			without = append(without, ids[i])
		}
	}
	addHistory(b, s, with)
	var tWith, tWithout time.Duration
	i := 0
	for b.Loop() {
		i++
		t0 := time.Now()
		if _, err := s.Get(b.Context(), with[i%len(with)]); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := s.Get(b.Context(), without[i%len(without)]); err != nil {
			b.Fatal(err)
		}
		tWith, tWithout = tWith+t1.Sub(t0), tWithout+time.Since(t1)
	}
	if i > 0 && tWithout > 0 {
		b.ReportMetric(float64(tWith.Microseconds())/float64(i), "with-history-µs")
		b.ReportMetric(float64(tWithout.Microseconds())/float64(i), "without-µs")
		b.ReportMetric(float64(tWith)/float64(tWithout), "ratio")
	}
}

// addHistory saves each post-mortem until it has HistoryVersions
// versions, through the service as a person's edits would be (a changed
// summary of the same length, a note), unless a cached store has them.
func addHistory(b *testing.B, s hindsight.Store, ids []string) {
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	ctx := hindsight.CommandLine(b.Context())
	for _, id := range ids {
		p, err := svc.Get(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		summary := p.Summary
		for p.Version < HistoryVersions {
			p.Summary = fmt.Sprintf("%s (edit %03d)", summary, p.Version%1000)
			p.ChangeNote = "benchmark edit"
			if err := svc.Update(ctx, p); err != nil {
				b.Fatalf("add history to %s: %v", id, err)
			}
		}
	}
}
