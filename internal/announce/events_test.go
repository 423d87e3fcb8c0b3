package announce_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/webhook"
)

// TestReviewRequestsAndReplays asks for reviews through the service: a
// webhook gets each review request once, signed, naming who asks whom —
// but none for a restricted post-mortem. A captured delivery posted again
// is refused by the receiver, at once (a replay of a signature taken) and
// later (a stale signature).
func TestReviewRequestsAndReplays(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		admin, author := as(t, svc, "Ada Admin", hindsight.Admin), as(t, svc, "Ana Author", hindsight.Editor)
		as(t, svc, "Rui Reviewer", hindsight.Viewer)
		rc := newReceiver(t, "")
		rc.refuseReplays = true
		hook(t, svc, admin, rc, hindsight.FormatJSON, hindsight.AnnounceReviewRequested)
		in.start(t, fast())
		p := &hindsight.PostMortem{Title: "Queue backlog", Severity: "SEV2", Status: hindsight.StatusInReview}
		q := &hindsight.PostMortem{Title: "Credential leak", Severity: "SEV2", Status: hindsight.StatusInReview,
			Access: hindsight.Access{Restricted: true, Users: []string{"rui.reviewer@example.com"}}}
		for _, x := range []*hindsight.PostMortem{p, q} {
			if err := svc.Create(author, x); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.RequestReview(author, x.ID, []string{"rui.reviewer@example.com"}); err != nil {
				t.Fatal(err)
			}
		}
		waitFor(t, "the review request", func() bool { return len(rc.deliveries()) == 1 })
		time.Sleep(300 * time.Millisecond)
		got := rc.deliveries()
		var e webhook.Event
		if err := json.Unmarshal(got[0].Body, &e); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || e.Type != hindsight.AnnounceReviewRequested || e.PostMortem.ID != p.ID || e.Detail != "Ana Author asks Rui Reviewer to review it" {
			t.Fatalf("%d deliveries, the first %s", len(got), got[0].Body)
		}

		// A replay: the same signed request posted again.
		replay := func(sig string) int {
			req, _ := http.NewRequest(http.MethodPost, rc.URL+"/hook", bytes.NewReader(got[0].Body))
			req.Header.Set(webhook.SignatureHeader, sig)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		if status := replay(got[0].Signature); status != http.StatusConflict {
			t.Errorf("a replay at once was answered %d", status)
		}
		stale := webhook.Sign(rc.secret, time.Now().Add(-10*time.Minute), got[0].Body)
		if status := replay(stale); status != http.StatusUnauthorized {
			t.Errorf("a replay signed ten minutes ago was answered %d", status)
		}
		forged := webhook.Sign("whsec_guess", time.Now(), got[0].Body)
		if status := replay(forged); status != http.StatusUnauthorized {
			t.Errorf("a delivery signed with another secret was answered %d", status)
		}
		if len(rc.deliveries()) != 1 {
			t.Fatal("the receiver took a replay")
		}
	})
}
