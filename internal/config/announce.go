package config

import (
	"flag"
	"net/netip"
	"strconv"
	"strings"

	"hindsight"
	"hindsight/internal/webhook"
)

// Announce configures what follows publishing: the publish rule, revisit
// dates, where webhooks may point and e-mail.
type Announce struct {
	PublishRules []hindsight.PublishRule
	Revisits     hindsight.RevisitSchedule
	// WebhookAllow are networks webhooks may reach although they are not
	// public (loopback, private, link-local).
	WebhookAllow []netip.Prefix
	// SMTP are the server's mail settings: mail is off while its Host is
	// empty, until an admin sets a server on the mail page.
	SMTP hindsight.MailSettings
}

// registerAnnounce defines the flags and returns what finishes them.
func registerAnnounce(fs *flag.FlagSet, get func(name, def string) string, a *Announce) func(*hindsight.ValidationError) {
	rule := fs.String("publish-rule", get("HINDSIGHT_PUBLISH_RULE", hindsight.DefaultPublishRules), "approvals publishing needs, like \"SEV1,SEV2 need 1 approval from someone other than the author\"; rules separated by ; or none (HINDSIGHT_PUBLISH_RULE)")
	revisits := fs.String("revisits", get("HINDSIGHT_REVISITS", hindsight.DefaultRevisits), "when published post-mortems are due to be revisited, like SEV1,SEV2=30d+90d;*=90d, or none (HINDSIGHT_REVISITS)")
	allow := fs.String("webhook-allow", get("HINDSIGHT_WEBHOOK_ALLOW", ""), "internal networks webhooks may reach, comma-separated addresses or CIDRs (HINDSIGHT_WEBHOOK_ALLOW)")
	s := &a.SMTP
	fs.StringVar(&s.Host, "smtp-host", get("HINDSIGHT_SMTP_HOST", ""), "mail server for announcements; none sends no mail (HINDSIGHT_SMTP_HOST)")
	port := fs.String("smtp-port", get("HINDSIGHT_SMTP_PORT", "587"), "mail server port (HINDSIGHT_SMTP_PORT)")
	fs.StringVar(&s.Security, "smtp-security", get("HINDSIGHT_SMTP_SECURITY", "starttls"), "starttls, tls or none (HINDSIGHT_SMTP_SECURITY)")
	fs.StringVar(&s.Username, "smtp-username", get("HINDSIGHT_SMTP_USERNAME", ""), "mail server user name (HINDSIGHT_SMTP_USERNAME)")
	fs.StringVar(&s.Password, "smtp-password", get("HINDSIGHT_SMTP_PASSWORD", ""), "mail server password (HINDSIGHT_SMTP_PASSWORD)")
	fs.StringVar(&s.From, "mail-from", get("HINDSIGHT_MAIL_FROM", ""), "sender address of announcements (HINDSIGHT_MAIL_FROM)")
	fs.StringVar(&s.Lists, "mail-lists", get("HINDSIGHT_MAIL_LISTS", ""), "addresses that also get announcements, like published,republished=eng@example.com;revisit_due=sre@example.com (HINDSIGHT_MAIL_LISTS)")
	return func(v *hindsight.ValidationError) {
		var err error
		if a.PublishRules, err = hindsight.ParsePublishRules(*rule); err != nil {
			v.Add("-publish-rule", "%v", err)
		}
		if a.Revisits, err = hindsight.ParseRevisits(*revisits); err != nil {
			v.Add("-revisits", "%v", err)
		}
		if a.WebhookAllow, err = webhook.ParseAllow(*allow); err != nil {
			v.Add("-webhook-allow", "%v", err)
		}
		if s.Port, err = strconv.Atoi(strings.TrimSpace(*port)); err != nil || s.Port < 1 || s.Port > 65535 {
			v.Add("-smtp-port", "must be a port number, not %q", *port)
			s.Port = 587
		}
		flags := map[string]string{"host": "-smtp-host", "port": "-smtp-port", "security": "-smtp-security", "username": "-smtp-username",
			"password": "-smtp-password", "from": "-mail-from", "lists": "-mail-lists"}
		for _, f := range s.Check().Fields {
			v.Add(flags[f.Field], "%s", f.Message)
		}
	}
}
