package announce_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// TestWebhookChangePauseRotate changes webhooks while the queue runs, on
// both engines, against real receivers that check every signature: a
// paused webhook is queued nothing (a witness webhook shows the
// announcement went out), a retry pending when it is paused is given up
// and logged as not sent, redelivering to a paused webhook is refused and
// works once it is resumed; a changed address and events count from the
// next announcement with the secret kept; a rotated secret signs every
// delivery from then on; internal addresses are refused on a change as on
// adding; every change is audited without the secret.
func TestWebhookChangePauseRotate(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		admin, author := as(t, svc, "Ada Admin", hindsight.Admin), as(t, svc, "Ana Author", hindsight.Editor)
		rc, witness, moved := newReceiver(t, ""), newReceiver(t, ""), newReceiver(t, "")
		h := hook(t, svc, admin, rc, hindsight.FormatJSON, hindsight.AnnouncePublished)
		hook(t, svc, admin, witness, hindsight.FormatJSON, hindsight.AnnouncePublished)
		o := fast()
		o.Backoff = func(int) time.Duration { return time.Second }
		in.start(t, o)

		// A 500, then the webhook paused before its retry.
		rc.mu.Lock()
		rc.fail = func(int) (int, time.Duration) { return 500, 0 }
		rc.mu.Unlock()
		held := publish(t, svc, author, "Queue backlog", hindsight.Access{})
		logOf := func(pm string) []hindsight.Delivery {
			page, err := svc.Deliveries(admin, hindsight.DeliveryFilter{WebhookID: h.ID})
			if err != nil {
				t.Fatal(err)
			}
			var out []hindsight.Delivery
			for _, d := range page.Items {
				if d.PostMortemID == pm {
					out = append(out, d)
				}
			}
			return out
		}
		waitFor(t, "the first attempt", func() bool { return len(logOf(held.ID)) == 1 })
		if _, err := svc.PauseWebhook(author, h.ID, true); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("an editor pausing a webhook: %v", err)
		}
		paused, err := svc.PauseWebhook(admin, h.ID, true)
		if err != nil || !paused.Disabled {
			t.Fatalf("pause: %+v %v", paused, err)
		}
		rc.mu.Lock()
		rc.fail = nil
		rc.mu.Unlock()
		waitFor(t, "the retry given up", func() bool { return len(logOf(held.ID)) == 2 })
		notSent := logOf(held.ID)[0]
		if notSent.Error != "not sent: the webhook is paused" || notSent.Status != 0 || notSent.OK || notSent.Attempt != 2 {
			t.Fatalf("the held retry is logged as %+v", notSent)
		}
		if err := svc.Redeliver(admin, notSent.ID); !errors.Is(err, hindsight.ErrInvalid) || !strings.Contains(err.Error(), "paused") {
			t.Fatalf("redelivering to a paused webhook: %v", err)
		}

		// Announced while paused: the witness gets it, the paused webhook
		// is queued nothing, now or after it is resumed.
		quiet := publish(t, svc, author, "Cache stampede", hindsight.Access{})
		waitFor(t, "the witness", func() bool { return len(witness.deliveries()) == 2 })
		if _, err := svc.PauseWebhook(admin, h.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := svc.Redeliver(admin, notSent.ID); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the redelivery after resuming", func() bool { return len(rc.deliveries()) == 1 })
		time.Sleep(500 * time.Millisecond)
		if got := rc.deliveries(); len(got) != 1 || !strings.Contains(string(got[0].Body), held.ID) || got[0].ID != notSent.EventID {
			t.Fatalf("after resuming the receiver got %d deliveries, the first %+v", len(got), got[0])
		}
		if n := len(logOf(quiet.ID)); n != 0 {
			t.Fatalf("what was announced while paused was queued: %d log entries", n)
		}

		// A change of address and events, the secret kept.
		moved.secret = h.Secret
		changed := &hindsight.Webhook{ID: h.ID, Name: "Ops (moved)", Format: hindsight.FormatJSON, URL: moved.URL + "/v2",
			Events: []hindsight.AnnouncementKind{hindsight.AnnouncePublished, hindsight.AnnounceReviewRequested}}
		if err := svc.SaveWebhook(admin, changed); err != nil {
			t.Fatal(err)
		}
		if changed.Secret != h.Secret || changed.CreatedAt != h.CreatedAt || changed.Disabled {
			t.Fatalf("the change lost the secret, the creation or the state: %+v", changed)
		}
		p := publish(t, svc, author, "Disk full", hindsight.Access{})
		if _, err := svc.RequestReview(author, p.ID, []string{"ada.admin@example.com"}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the moved webhook's deliveries", func() bool { return len(moved.deliveries()) == 2 })
		if len(rc.deliveries()) != 1 {
			t.Fatal("the old address still gets deliveries")
		}

		// A rotated secret signs from now on: the receiver still on the
		// old one refuses the next delivery, then takes its redelivery
		// once it has the new one.
		rotated, err := svc.RotateWebhookSecret(admin, h.ID)
		if err != nil || rotated.Secret == h.Secret || !strings.HasPrefix(rotated.Secret, "whsec_") {
			t.Fatalf("rotate: %+v %v", rotated, err)
		}
		r := publish(t, svc, author, "Certificate expired", hindsight.Access{})
		waitFor(t, "the refused delivery", func() bool { return len(logOf(r.ID)) == 1 })
		refused := logOf(r.ID)[0]
		if refused.Status != 401 || moved.bad != 1 {
			t.Fatalf("the delivery signed with the new secret was %+v (%d refused)", refused, moved.bad)
		}
		moved.mu.Lock()
		moved.secret = rotated.Secret
		moved.mu.Unlock()
		if err := svc.Redeliver(admin, refused.ID); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the redelivery with the new secret", func() bool { return len(moved.deliveries()) == 3 })

		// Internal addresses are refused on a change, naming the field.
		for _, bad := range []string{"http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook", "http://[::1]:8080/hook"} {
			w := &hindsight.Webhook{ID: h.ID, Name: "Ops", Format: hindsight.FormatJSON, URL: bad, Events: []hindsight.AnnouncementKind{hindsight.AnnouncePublished}}
			err := svc.SaveWebhook(admin, w)
			var v *hindsight.ValidationError
			if !errors.As(err, &v) || len(v.Fields) != 1 || v.Fields[0].Field != "url" || !strings.Contains(v.Fields[0].Message, "refused") {
				t.Errorf("changing the address to %s: %v", bad, err)
			}
		}
		if got, err := svc.Webhook(admin, h.ID); err != nil || got.URL != moved.URL+"/v2" {
			t.Fatalf("a refused change was saved: %+v %v", got, err)
		}

		// Audited, without the secret.
		audit, err := svc.Audit(admin, hindsight.AuditFilter{Action: "webhook."})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range audit.Items {
			actions = append(actions, e.Action+": "+e.Detail)
			if strings.Contains(e.Detail, h.Secret) || strings.Contains(e.Detail, rotated.Secret) {
				t.Errorf("the audit log shows a secret: %+v", e)
			}
		}
		want := []string{"webhook.secret_rotated: signing secret replaced",
			`webhook.changed: name "json receiver" → "Ops (moved)"; url ` + rc.URL + "/hook → " + moved.URL + "/v2; events published → published, review_requested",
			"webhook.resumed: " + rc.URL + "/hook", "webhook.paused: " + rc.URL + "/hook"}
		if got := strings.Join(actions[:4], "\n"); got != strings.Join(want, "\n") {
			t.Errorf("audit:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
		}
	})
}
