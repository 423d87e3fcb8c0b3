package main

import (
	"context"
	"fmt"

	"hindsight"
	"hindsight/internal/announce"
	"hindsight/internal/config"
	"hindsight/internal/mail"
	"hindsight/internal/webhook"
)

// openQueue opens the announcement queue serve works: webhooks always,
// e-mail through the mail settings in force — the server's
// (HINDSIGHT_SMTP_*), until an admin sets others on the mail page.
func openQueue(ctx context.Context, svc *hindsight.Service, store hindsight.Store, cfg config.Config) (*announce.Queue, error) {
	svc.MailDefaults = cfg.Announce.SMTP
	o := announce.Options{BaseURL: cfg.PublicURL(), Guard: webhook.Guard{Allow: cfg.Announce.WebhookAllow},
		Mail: &mail.Live{Settings: func(ctx context.Context) (hindsight.MailSettings, error) {
			return svc.MailConfig(hindsight.Housekeeping(ctx))
		}}}
	q, err := announce.Open(ctx, svc, store, cfg.IsPostgres(), o)
	if err != nil {
		return nil, fmt.Errorf("announcement queue: %w", err)
	}
	return q, nil
}
