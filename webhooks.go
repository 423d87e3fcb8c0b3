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

// SaveWebhook adds a destination (w.ID empty) or changes one — its name,
// address, format, events, severities and whether it is paused, as
// given; admins may. A new one gets a signing secret unless it brings its
// own; a change keeps the secret unless it brings a new one. A new
// address is refused when it is, or resolves to, one deliveries may not
// reach (CheckWebhookURL). The change is audited, naming what changed.
func (s *Service) SaveWebhook(ctx context.Context, w *Webhook) error {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return err
	}
	var old *Webhook
	if w.ID != "" {
		if old, err = s.Webhook(ctx, w.ID); err != nil {
			return err
		}
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
	} else if s.CheckWebhookURL != nil && (old == nil || old.URL != w.URL) {
		if err := s.CheckWebhookURL(ctx, w.URL); err != nil {
			v.Add("url", "%v", err)
		}
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
	if old == nil {
		w.ID, w.CreatedAt, w.CreatedBy = NewID(), s.now(), ActorFrom(ctx)
		if w.Secret == "" {
			w.Secret = newWebhookSecret()
		}
		return s.store.SaveWebhook(ctx, *w, s.event(who, "webhook.created", w.Name, w.URL))
	}
	w.CreatedAt, w.CreatedBy = old.CreatedAt, old.CreatedBy
	if w.Secret == "" {
		w.Secret = old.Secret
	}
	return s.store.SaveWebhook(ctx, *w, s.event(who, "webhook.changed", w.Name, webhookChanges(old, w)))
}

// webhookChanges says what a change of a webhook changed, for the audit
// log (never the secret itself).
func webhookChanges(old, w *Webhook) string {
	var out []string
	if old.Name != w.Name {
		out = append(out, fmt.Sprintf("name %q → %q", old.Name, w.Name))
	}
	if old.URL != w.URL {
		out = append(out, "url "+old.URL+" → "+w.URL)
	}
	if old.Format != w.Format {
		out = append(out, fmt.Sprintf("format %s → %s", old.Format, w.Format))
	}
	if !slices.Equal(old.Events, w.Events) {
		out = append(out, "events "+joinValues(old.Events)+" → "+joinValues(w.Events))
	}
	if !slices.Equal(old.Severities, w.Severities) {
		out = append(out, "severities "+orNone(strings.Join(old.Severities, ", "))+" → "+orNone(strings.Join(w.Severities, ", ")))
	}
	if old.Secret != w.Secret {
		out = append(out, "signing secret replaced")
	}
	if old.Disabled != w.Disabled {
		out = append(out, map[bool]string{true: "paused", false: "resumed"}[w.Disabled])
	}
	return orNone(strings.Join(out, "; "))
}

func newWebhookSecret() string { return "whsec_" + NewSecret() }

// PauseWebhook pauses a destination (paused) or resumes it; admins may,
// and it is audited. While paused nothing is queued for it: the
// announcements of that time are not posted to it later, and a retry or
// redelivery already queued is given up and logged as not sent — an
// admin may redeliver it after resuming.
func (s *Service) PauseWebhook(ctx context.Context, id string, paused bool) (*Webhook, error) {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return nil, err
	}
	w, err := s.Webhook(ctx, id)
	if err != nil || w.Disabled == paused {
		return w, err
	}
	w.Disabled = paused
	action := map[bool]string{true: "webhook.paused", false: "webhook.resumed"}[paused]
	return w, s.store.SaveWebhook(ctx, *w, s.event(who, action, w.Name, w.URL))
}

// RotateWebhookSecret gives a destination a new signing secret, at once:
// every delivery from now on, retries too, is signed with it. Admins may;
// it is audited (without the secret).
func (s *Service) RotateWebhookSecret(ctx context.Context, id string) (*Webhook, error) {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return nil, err
	}
	w, err := s.Webhook(ctx, id)
	if err != nil {
		return nil, err
	}
	w.Secret = newWebhookSecret()
	return w, s.store.SaveWebhook(ctx, *w, s.event(who, "webhook.secret_rotated", w.Name, "signing secret replaced"))
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
	w, err := s.store.GetWebhook(ctx, d.WebhookID)
	if err != nil {
		return fmt.Errorf("the webhook of this delivery was deleted: %w", err)
	}
	if w.Disabled {
		return Invalid("webhook", "%s is paused: resume it before redelivering", w.Name)
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
