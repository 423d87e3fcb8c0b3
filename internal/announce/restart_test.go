package announce_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"hindsight"
)

// TestRestartMidRetry stops the queue while a delivery waits for its
// retry and starts a new one on the same database, as a restarted
// instance would: the delivery is made once, by the new queue.
func TestRestartMidRetry(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		admin, author := as(t, in.svc, "Ada Admin", hindsight.Admin), as(t, in.svc, "Ana Author", hindsight.Editor)
		rc := newReceiver(t, "")
		hook(t, in.svc, admin, rc, hindsight.FormatJSON, hindsight.AnnouncePublished)
		rc.fail = func(n int) (int, time.Duration) { // set before any delivery
			if n == 1 {
				return 503, 0
			}
			return 0, 0
		}
		o := fast()
		o.Backoff = func(int) time.Duration { return time.Second }
		in.start(t, o)
		p := publish(t, in.svc, author, "Disk full", hindsight.Access{})
		waitFor(t, "the first, failed attempt", func() bool {
			rc.mu.Lock()
			defer rc.mu.Unlock()
			return rc.calls == 1
		})
		in.stop(t)
		time.Sleep(1500 * time.Millisecond) // the retry falls due while nothing runs
		if len(rc.deliveries()) != 0 {
			t.Fatal("a stopped queue delivered")
		}
		in.start(t, fast())
		waitFor(t, "the delivery after the restart", func() bool { return len(rc.deliveries()) == 1 })
		if d := rc.deliveries()[0]; !strings.Contains(string(d.Body), p.ID) {
			t.Fatalf("delivered %s", d.Body)
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(rc.deliveries()); n != 1 {
			t.Fatalf("delivered %d times", n)
		}
	})
}

// TestRefusedDestination checks the guard in the queue: without an
// admin's allowance a webhook on loopback is refused, logged and not
// retried; once an admin allows loopback (a setting, counted at once) it
// is delivered.
func TestRefusedDestination(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		admin, author := as(t, in.svc, "Ada Admin", hindsight.Admin), as(t, in.svc, "Ana Author", hindsight.Editor)
		rc := newReceiver(t, "")
		h := hook(t, in.svc, admin, rc, hindsight.FormatJSON, hindsight.AnnouncePublished)
		o := fast()
		o.Guard.Allow = nil
		in.start(t, o)
		publish(t, in.svc, author, "Disk full", hindsight.Access{})
		var log hindsight.DeliveryPage
		waitFor(t, "the refusal in the log", func() bool {
			var err error
			log, err = in.svc.Deliveries(admin, hindsight.DeliveryFilter{WebhookID: h.ID})
			return err == nil && len(log.Items) > 0
		})
		time.Sleep(500 * time.Millisecond) // retries would come every 100 ms
		log, _ = in.svc.Deliveries(admin, hindsight.DeliveryFilter{WebhookID: h.ID})
		if len(log.Items) != 1 || log.Items[0].OK || !strings.Contains(log.Items[0].Error, "refused") || !strings.Contains(log.Items[0].Error, "loopback") {
			t.Fatalf("log %+v", log.Items)
		}
		rc.mu.Lock()
		reached := rc.calls + rc.bad
		rc.mu.Unlock()
		if reached != 0 {
			t.Fatal("the refused receiver was reached")
		}

		// An admin allows loopback on the webhooks page: the redelivery
		// goes through, without a restart.
		if err := in.svc.SetWebhookAllow(author, "127.0.0.1"); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("an editor allowing networks: %v", err)
		}
		if err := in.svc.SetWebhookAllow(admin, "127.0.0.1, intranet"); !errors.Is(err, hindsight.ErrInvalid) || !strings.Contains(err.Error(), "networks") {
			t.Fatalf("a name as a network: %v", err)
		}
		if err := in.svc.SetWebhookAllow(admin, " 127.0.0.1 "); err != nil {
			t.Fatal(err)
		}
		if v, err := in.svc.WebhookAllow(admin); err != nil || v != "127.0.0.1/32" {
			t.Fatalf("allowed %q %v", v, err)
		}
		if err := in.svc.Redeliver(admin, log.Items[0].ID); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the delivery once allowed", func() bool { return len(rc.deliveries()) == 1 })
	})
}

// TestExactlyOnceAcrossInstances runs two instances on one database (a
// SQLite file, a PostgreSQL database) and publishes through both at once,
// with a receiver that fails now and then: every announcement reaches
// the receiver once, and the log has one success for each.
func TestExactlyOnceAcrossInstances(t *testing.T) {
	pair(t, func(t *testing.T, ins [2]*instance) {
		admin, author := as(t, ins[0].svc, "Ada Admin", hindsight.Admin), as(t, ins[0].svc, "Ana Author", hindsight.Editor)
		rc := newReceiver(t, "")
		rc.fail = func(n int) (int, time.Duration) {
			if n%7 == 0 {
				return 502, 0 // some retries, to be worked by either instance
			}
			return 0, 30 * time.Millisecond
		}
		hook(t, ins[0].svc, admin, rc, hindsight.FormatJSON, hindsight.AnnouncePublished)
		var wg sync.WaitGroup
		for _, in := range ins {
			in.start(t, fast())
		}
		const n = 40
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				publish(t, ins[i%2].svc, author, fmt.Sprintf("Incident %d", i), hindsight.Access{})
			}()
		}
		wg.Wait()
		waitFor(t, "every delivery", func() bool { return len(rc.deliveries()) >= n })
		time.Sleep(time.Second)
		seen := map[string]int{}
		for _, d := range rc.deliveries() {
			seen[d.ID]++
		}
		if len(seen) != n || len(rc.deliveries()) != n {
			t.Fatalf("%d deliveries of %d events, want %d once each", len(rc.deliveries()), len(seen), n)
		}
		log, err := ins[1].svc.Deliveries(admin, hindsight.DeliveryFilter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		ok := 0
		for _, d := range log.Items {
			if d.OK {
				ok++
			}
		}
		if ok != n {
			t.Fatalf("the log has %d successful deliveries, want %d", ok, n)
		}
	})
}
