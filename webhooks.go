package hindsight

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Webhooks lists the announcement destinations; admins may.
func (s *Service) Webhooks(ctx context.Context) ([]Webhook, error) {
	if _, err := requireAdminReader(ctx); err != nil {
		return nil, err
	}
	return s.store.ListWebhooks(ctx)
}

// Webhook returns one destination; admins may.
func (s *Service) Webhook(ctx context.Context, id string) (*Webhook, error) {
	if _, err := requireAdminReader(ctx); err != nil {
		return nil, err
	}
	if !clean(id) {
		return nil, fmt.Errorf("webhook: %w", ErrNotFound)
	}
	return s.store.GetWebhook(ctx, id)
}

// SaveWebhook adds a destination (w.ID empty) or changes one; admins may.
// A new one gets a signing secret unless it brings its own; the change is
// audited.
func (s *Service) SaveWebhook(ctx context.Context, w *Webhook) error {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return err
	}
	w.Name, w.URL, w.Secret = strings.TrimSpace(w.Name), strings.TrimSpace(w.URL), strings.TrimSpace(w.Secret)
	if w.Format == "" {
		w.Format = FormatJSON
	}
	w.Severities = cleanList(w.Severities)
	v := &ValidationError{}
	if w.Name == "" || len(w.Name) > MaxTitleLen || !clean(w.Name) {
		v.Add("name", "is required: at most %d bytes of text", MaxTitleLen)
	}
	if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(w.URL) > 2000 || u.User != nil {
		v.Add("url", "must be an http or https address without credentials, like https://hooks.slack.com/services/…")
	}
	if !slices.Contains(WebhookFormats, w.Format) {
		v.Add("format", "must be slack, teams or json, not %q", w.Format)
	}
	if len(w.Events) == 0 {
		v.Add("events", "choose at least one event")
	}
	for i, k := range w.Events {
		if !slices.Contains(AnnouncementKinds, k) {
			v.Add(fmt.Sprintf("events[%d]", i), "must be one of %s, not %q", joinValues(AnnouncementKinds), k)
		}
	}
	for i, sev := range w.Severities {
		if !s.Policy.ValidSeverity(sev) {
			v.Add(fmt.Sprintf("severities[%d]", i), "must be one of %s, not %q", strings.Join(s.Policy.Severities, ", "), sev)
		}
	}
	if len(w.Secret) > MaxTitleLen || !clean(w.Secret) {
		v.Add("secret", "must be at most %d bytes of text", MaxTitleLen)
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	action := "webhook.changed"
	if w.ID == "" {
		w.ID, w.CreatedAt, w.CreatedBy, action = NewID(), s.now(), ActorFrom(ctx), "webhook.created"
		if w.Secret == "" {
			w.Secret = "whsec_" + NewSecret()
		}
	} else {
		old, err := s.store.GetWebhook(ctx, w.ID)
		if err != nil {
			return err
		}
		w.CreatedAt, w.CreatedBy = old.CreatedAt, old.CreatedBy
		if w.Secret == "" {
			w.Secret = old.Secret
		}
	}
	return s.store.SaveWebhook(ctx, *w, s.event(who, action, w.Name, w.URL))
}

// DeleteWebhook removes a destination; its delivery log stays.
func (s *Service) DeleteWebhook(ctx context.Context, id string) error {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return err
	}
	w, err := s.Webhook(ctx, id)
	if err != nil {
		return err
	}
	return s.store.DeleteWebhook(ctx, id, s.event(who, "webhook.deleted", w.Name, w.URL))
}

// Deliveries pages the delivery log, newest first; admins may.
func (s *Service) Deliveries(ctx context.Context, f DeliveryFilter) (DeliveryPage, error) {
	if _, err := requireAdminReader(ctx); err != nil {
		return DeliveryPage{}, err
	}
	if err := checkText("webhook", f.WebhookID, "cursor", f.Cursor); err != nil {
		return DeliveryPage{}, err
	}
	return s.store.ListDeliveries(ctx, f)
}

// Redeliver posts a logged delivery's body again, now, to its webhook,
// through the queue; admins may. The receiver sees the same event id.
func (s *Service) Redeliver(ctx context.Context, deliveryID string) error {
	if _, err := requireRole(ctx, Admin); err != nil {
		return err
	}
	if !clean(deliveryID) {
		return fmt.Errorf("delivery: %w", ErrNotFound)
	}
	d, err := s.store.GetDelivery(ctx, deliveryID)
	if err != nil {
		return err
	}
	if _, err := s.store.GetWebhook(ctx, d.WebhookID); err != nil {
		return fmt.Errorf("the webhook of this delivery was deleted: %w", err)
	}
	if s.Announcer == nil {
		return fmt.Errorf("no announcement queue runs in this process")
	}
	return s.store.InTx(ctx, func(ctx context.Context, tx *sqlTx) error { return s.Announcer.RedeliverTx(ctx, tx, *d) })
}

// RecordDelivery logs one delivery attempt; the queue does, as
// housekeeping.
func (s *Service) RecordDelivery(ctx context.Context, d Delivery) error {
	if _, err := requireRole(ctx, Admin); err != nil {
		return err
	}
	if d.ID == "" {
		d.ID = NewID()
	}
	const keep = 2000
	if len(d.Response) > keep {
		d.Response = d.Response[:keep]
	}
	return s.store.AddDelivery(ctx, d)
}

// requireAdminReader is an admin (or the operator), read-only tokens too.
func requireAdminReader(ctx context.Context) (Principal, error) {
	p, err := reader(ctx)
	if err != nil {
		return p, err
	}
	if !p.System && p.User.Role != Admin {
		return p, forbidden("this is for admins")
	}
	return p, nil
}
