package announce_test

import (
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/announce"
)

// TestExponentialBackoff checks the waits double from the base, stay
// within 10 % jitter and stop growing at the bound.
func TestExponentialBackoff(t *testing.T) {
	b := announce.ExponentialBackoff(30*time.Second, 6*time.Hour)
	for attempt, want := range map[int]time.Duration{1: 30 * time.Second, 2: time.Minute, 3: 2 * time.Minute, 6: 16 * time.Minute, 10: 256 * time.Minute, 11: 6 * time.Hour, 40: 6 * time.Hour} {
		for range 50 {
			if got := b(attempt); got < want*9/10 || got > want*11/10 {
				t.Fatalf("attempt %d waits %s, want %s ± 10 %%", attempt, got, want)
			}
		}
	}
}

// TestRetriesBackOff has a receiver fail three times through the queue
// with the exponential backoff: each wait before a retry is about twice
// the one before (400ms, 800ms, 1.6s), as the delivery log's times
// show.
func TestRetriesBackOff(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		admin, author := as(t, in.svc, "Ada Admin", hindsight.Admin), as(t, in.svc, "Ana Author", hindsight.Editor)
		rc := newReceiver(t, "")
		rc.fail = func(n int) (int, time.Duration) {
			if n <= 3 {
				return 500, 0
			}
			return 0, 0
		}
		h := hook(t, in.svc, admin, rc, hindsight.FormatJSON, hindsight.AnnouncePublished)
		o := fast()
		o.Backoff = announce.ExponentialBackoff(400*time.Millisecond, time.Minute)
		in.start(t, o)
		publish(t, in.svc, author, "Disk full", hindsight.Access{})
		var log hindsight.DeliveryPage
		waitFor(t, "the delivery after three failures in the log", func() bool {
			var err error
			log, err = in.svc.Deliveries(admin, hindsight.DeliveryFilter{WebhookID: h.ID})
			return err == nil && len(log.Items) == 4 && log.Items[0].OK
		})
		var at [4]time.Time // oldest first
		for i, d := range log.Items {
			at[3-i] = d.At
		}
		gaps := []time.Duration{at[1].Sub(at[0]), at[2].Sub(at[1]), at[3].Sub(at[2])}
		// Each wait is at least its backoff (less 10 % jitter): polling
		// and a busy machine only ever add to it, so the third wait — 1.6s
		// nominal where the first is 400ms — shows the doubling.
		for i, nominal := range []time.Duration{400 * time.Millisecond, 800 * time.Millisecond, 1600 * time.Millisecond} {
			if gaps[i] < nominal*9/10 {
				t.Fatalf("waits between attempts %v: retry %d came before its backoff of %s", gaps, i+1, nominal)
			}
		}
	})
}
