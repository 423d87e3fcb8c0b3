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
// e-mail when a mail server is configured.
func openQueue(ctx context.Context, svc *hindsight.Service, store hindsight.Store, cfg config.Config) (*announce.Queue, error) {
	o := announce.Options{BaseURL: cfg.PublicURL(), Guard: webhook.Guard{Allow: cfg.Announce.WebhookAllow}}
	if s := cfg.Announce.SMTP; s.Host != "" {
		m, err := mail.New(mail.Config{Host: s.Host, Port: s.Port, Security: s.Security, Username: s.Username, Password: s.Password, From: s.From, Lists: s.Lists})
		if err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		o.Mail = m
	}
	q, err := announce.Open(ctx, svc, store, cfg.IsPostgres(), o)
	if err != nil {
		return nil, fmt.Errorf("announcement queue: %w", err)
	}
	return q, nil
}
