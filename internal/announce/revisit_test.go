package announce_test

import (
	"encoding/json"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/webhook"
)

// TestRevisitScanAnnounces scans for due revisits twice after a published
// post-mortem's 90 days: a real receiver gets one signed revisit_due
// event for it and nothing for a restricted one.
func TestRevisitScanAnnounces(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		now := time.Now().UTC()
		svc.Now = func() time.Time { return now }
		admin, author := as(t, svc, "Ada Admin", hindsight.Admin), as(t, svc, "Ana Author", hindsight.Editor)
		rc := newReceiver(t, "")
		hook(t, svc, admin, rc, hindsight.FormatJSON, hindsight.AnnounceRevisitDue)
		in.start(t, fast())
		p := publish(t, svc, author, "Queue backlog", hindsight.Access{})
		publish(t, svc, author, "Credential leak", hindsight.Access{Restricted: true})
		if err := in.q.Scan(t.Context()); err != nil {
			t.Fatal(err)
		}
		now = now.Add(91 * 24 * time.Hour)
		for range 2 {
			if err := in.q.Scan(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		waitFor(t, "the revisit announcement", func() bool { return len(rc.deliveries()) >= 1 })
		time.Sleep(300 * time.Millisecond)
		got := rc.deliveries()
		if len(got) != 1 {
			t.Fatalf("%d deliveries, want 1", len(got))
		}
		var e webhook.Event
		if err := json.Unmarshal(got[0].Body, &e); err != nil {
			t.Fatal(err)
		}
		if e.Type != hindsight.AnnounceRevisitDue || e.PostMortem.ID != p.ID || rc.bad != 0 {
			t.Fatalf("delivery %s (bad signatures %d)", got[0].Body, rc.bad)
		}
	})
}
