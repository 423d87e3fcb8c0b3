package storetest

import (
	"errors"
	"testing"
	"time"

	"hindsight"
)

// testSettings checks instance settings: unset reads as "", a change
// replaces the value and is audited with it.
func testSettings(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	if v, err := s.Setting(ctx(t), "webhook_allow"); err != nil || v != "" {
		t.Fatalf("unset: %q %v", v, err)
	}
	for _, v := range []string{"10.0.0.0/8", "127.0.0.1, 10.0.0.0/8", ""} {
		audit := hindsight.AuditEvent{ID: hindsight.NewID(), At: c.now(), Actor: "Ada", Action: "webhook.allow", Detail: v}
		if err := s.SetSetting(ctx(t), "webhook_allow", v, audit); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx(t), "webhook_allow"); err != nil || got != v {
			t.Fatalf("after setting %q: %q %v", v, got, err)
		}
	}
	if page, err := s.ListAudit(ctx(t), hindsight.AuditFilter{Action: "webhook.allow"}); err != nil || len(page.Items) != 3 {
		t.Fatalf("audit %+v %v", page, err)
	}
}

// testWebhooks checks webhooks and their delivery log keep every field
// alike on each engine, newest delivery first, and outlive their webhook.
func testWebhooks(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	w := hindsight.Webhook{ID: hindsight.NewID(), Name: "chat", Format: hindsight.FormatSlack, URL: "https://hooks.example.com/x", Secret: "whsec_1",
		Events: []hindsight.AnnouncementKind{hindsight.AnnouncePublished, hindsight.AnnounceOverdue}, Severities: []string{"SEV1"}, CreatedAt: c.now(), CreatedBy: "Ada"}
	if err := s.SaveWebhook(ctx(t), w); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetWebhook(ctx(t), w.ID)
	if err != nil || got.Name != "chat" || got.Format != hindsight.FormatSlack || len(got.Events) != 2 || got.Events[1] != hindsight.AnnounceOverdue ||
		len(got.Severities) != 1 || got.Secret != "whsec_1" || !got.CreatedAt.Equal(c.now()) {
		t.Fatalf("webhook %+v %v", got, err)
	}
	for i := range 3 {
		d := hindsight.Delivery{ID: hindsight.NewID(), EventID: "e1", WebhookID: w.ID, WebhookName: w.Name, URL: w.URL, Kind: hindsight.AnnouncePublished,
			PostMortemID: "pm", Attempt: i + 1, At: c.now().Add(time.Duration(i) * time.Minute), DurationMillis: 12, Status: 500 - 300*(i/2), OK: i == 2, Response: "r", Body: "{}"}
		if err := s.AddDelivery(ctx(t), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteWebhook(ctx(t), w.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetWebhook(ctx(t), w.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("a deleted webhook: %v", err)
	}
	page, err := s.ListDeliveries(ctx(t), hindsight.DeliveryFilter{WebhookID: w.ID, Limit: 2})
	if err != nil || len(page.Items) != 2 || page.Items[0].Attempt != 3 || !page.Items[0].OK || page.Items[0].Status != 200 || page.NextCursor == "" {
		t.Fatalf("deliveries %+v %v", page, err)
	}
	rest, err := s.ListDeliveries(ctx(t), hindsight.DeliveryFilter{WebhookID: w.ID, Limit: 2, Cursor: page.NextCursor})
	if err != nil || len(rest.Items) != 1 || rest.Items[0].Attempt != 1 || rest.NextCursor != "" {
		t.Fatalf("second page %+v %v", rest, err)
	}
	if d, err := s.GetDelivery(ctx(t), rest.Items[0].ID); err != nil || d.Body != "{}" || d.DurationMillis != 12 {
		t.Fatalf("delivery %+v %v", d, err)
	}
}
