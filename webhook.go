package hindsight

import (
	"context"
	"time"
)

// WebhookFormat is the shape of the body a destination expects.
type WebhookFormat string

// The formats: Slack's incoming webhooks, Microsoft Teams, and
// Hindsight's own JSON for anything else.
const (
	FormatSlack WebhookFormat = "slack"
	FormatTeams WebhookFormat = "teams"
	FormatJSON  WebhookFormat = "json"
)

// WebhookFormats lists every format.
var WebhookFormats = []WebhookFormat{FormatSlack, FormatTeams, FormatJSON}

// Webhook is a destination announcements are posted to. Secret signs
// every delivery (HMAC-SHA256), so the receiver knows it came from here.
type Webhook struct {
	ID     string             `json:"id"`
	Name   string             `json:"name"`
	Format WebhookFormat      `json:"format"`
	URL    string             `json:"url"`
	Secret string             `json:"secret,omitempty"`
	Events []AnnouncementKind `json:"events"`
	// Severities, when set, keeps only announcements of those.
	Severities []string `json:"severities"`
	// Disabled pauses it: nothing is queued for it while it is set (see
	// Service.PauseWebhook).
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

// Wants reports whether the webhook takes an announcement of this kind
// and severity.
func (w Webhook) Wants(a Announcement) bool {
	if w.Disabled {
		return false
	}
	kind := false
	for _, k := range w.Events {
		kind = kind || k == a.Kind
	}
	if !kind {
		return false
	}
	if len(w.Severities) == 0 {
		return true
	}
	for _, s := range w.Severities {
		if s == a.Severity {
			return true
		}
	}
	return false
}

// Delivery is one attempt to post an announcement to a webhook: what was
// sent and how the receiver answered, for the delivery log and its
// redeliver button.
type Delivery struct {
	ID string `json:"id"`
	// EventID is the same for every attempt of one announcement to one
	// webhook (and its redeliveries): receivers dedupe on it.
	EventID        string           `json:"event_id"`
	WebhookID      string           `json:"webhook_id"`
	WebhookName    string           `json:"webhook_name"`
	URL            string           `json:"url"`
	Kind           AnnouncementKind `json:"kind"`
	PostMortemID   string           `json:"postmortem_id"`
	Attempt        int              `json:"attempt"`
	At             time.Time        `json:"at"`
	DurationMillis int64            `json:"duration_ms"`
	// Status is the HTTP status, 0 when there was no answer (Error says
	// why: a timeout, a refused address).
	Status   int    `json:"status"`
	OK       bool   `json:"ok"`
	Response string `json:"response"`
	Error    string `json:"error,omitempty"`
	// Body is exactly what was posted.
	Body string `json:"body"`
}

// DeliveryFilter pages the delivery log, newest first.
type DeliveryFilter struct {
	WebhookID string
	Limit     int
	Cursor    string
}

// DeliveryPage is one page of the delivery log.
type DeliveryPage struct {
	Items      []Delivery `json:"items"`
	NextCursor string     `json:"next_cursor"`
}

// WebhookStore keeps webhooks and their delivery log.
type WebhookStore interface {
	SaveWebhook(ctx context.Context, w Webhook, audit ...AuditEvent) error
	DeleteWebhook(ctx context.Context, id string, audit ...AuditEvent) error
	GetWebhook(ctx context.Context, id string) (*Webhook, error)
	ListWebhooks(ctx context.Context) ([]Webhook, error)
	AddDelivery(ctx context.Context, d Delivery) error
	GetDelivery(ctx context.Context, id string) (*Delivery, error)
	ListDeliveries(ctx context.Context, f DeliveryFilter) (DeliveryPage, error)
	// InTx runs hook in a transaction of its own: a redelivery queued.
	InTx(ctx context.Context, hook TxHook) error
	// Setting and SetSetting keep instance settings an admin changes,
	// such as the internal networks webhooks may reach; "" is unset.
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string, audit ...AuditEvent) error
}
