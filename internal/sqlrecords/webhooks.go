package sqlrecords

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hindsight"
	"hindsight/internal/storedoc"
)

const webhookColumns = `id, name, format, url, secret, events, severities, disabled, created_at, created_by`

// SaveWebhook adds or replaces a webhook.
func (r *Records) SaveWebhook(ctx context.Context, w hindsight.Webhook, audit ...hindsight.AuditEvent) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, r.q(`INSERT INTO webhooks (`+webhookColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, format = excluded.format, url = excluded.url, secret = excluded.secret,
			events = excluded.events, severities = excluded.severities, disabled = excluded.disabled`),
			w.ID, w.Name, w.Format, w.URL, w.Secret, jsonList(w.Events), jsonList(w.Severities), w.Disabled, r.t(w.CreatedAt), w.CreatedBy); err != nil {
			return fmt.Errorf("save webhook: %w", err)
		}
		return r.appendAudit(ctx, tx, audit)
	})
}

// DeleteWebhook removes a webhook; its deliveries stay in the log.
func (r *Records) DeleteWebhook(ctx context.Context, id string, audit ...hindsight.AuditEvent) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, r.q(`DELETE FROM webhooks WHERE id = ?`), id)
		if err := affected(res, err, "webhook "+id); err != nil {
			return err
		}
		return r.appendAudit(ctx, tx, audit)
	})
}

// GetWebhook reads one webhook.
func (r *Records) GetWebhook(ctx context.Context, id string) (*hindsight.Webhook, error) {
	w, err := scanWebhook(r.read.QueryRowContext(ctx, r.q(`SELECT `+webhookColumns+` FROM webhooks WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("webhook %s: %w", id, hindsight.ErrNotFound)
	}
	return w, err
}

// ListWebhooks reads every webhook, by name.
func (r *Records) ListWebhooks(ctx context.Context) ([]hindsight.Webhook, error) {
	rows, err := r.read.QueryContext(ctx, `SELECT `+webhookColumns+` FROM webhooks ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.Webhook{}
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *w)
	}
	return out, rows.Err()
}

func scanWebhook(row scanner) (*hindsight.Webhook, error) {
	var w hindsight.Webhook
	var events, sevs string
	if err := row.Scan(&w.ID, &w.Name, &w.Format, &w.URL, &w.Secret, &events, &sevs, &w.Disabled, at(&w.CreatedAt), &w.CreatedBy); err != nil {
		return nil, err
	}
	var err error
	if w.Events, err = fromJSONList[hindsight.AnnouncementKind](events); err != nil {
		return nil, err
	}
	w.Severities, err = fromJSONList[string](sevs)
	return &w, err
}

const deliveryColumns = `id, event_id, webhook_id, webhook_name, url, kind, postmortem_id, attempt, at, duration_ms, status, ok, response, error, body`

// AddDelivery logs one delivery attempt.
func (r *Records) AddDelivery(ctx context.Context, d hindsight.Delivery) error {
	_, err := r.write.ExecContext(ctx, r.q(`INSERT INTO webhook_deliveries (`+deliveryColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		d.ID, d.EventID, d.WebhookID, d.WebhookName, d.URL, d.Kind, d.PostMortemID, d.Attempt, r.t(d.At), d.DurationMillis, d.Status, d.OK, d.Response, d.Error, d.Body)
	if err != nil {
		return fmt.Errorf("log delivery: %w", err)
	}
	return nil
}

// GetDelivery reads one logged delivery.
func (r *Records) GetDelivery(ctx context.Context, id string) (*hindsight.Delivery, error) {
	d, err := scanDelivery(r.read.QueryRowContext(ctx, r.q(`SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("delivery %s: %w", id, hindsight.ErrNotFound)
	}
	return d, err
}

// ListDeliveries pages the log newest first. Ids are time-ordered, so
// the cursor is the last id shown.
func (r *Records) ListDeliveries(ctx context.Context, f hindsight.DeliveryFilter) (hindsight.DeliveryPage, error) {
	limit, err := storedoc.Limit(f.Limit)
	if err != nil {
		return hindsight.DeliveryPage{}, err
	}
	below := f.Cursor
	if below == "" {
		below = "~" // after every id
	}
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT `+deliveryColumns+` FROM webhook_deliveries
		WHERE id < ? AND (? = '' OR webhook_id = ?) ORDER BY id DESC LIMIT ?`), below, f.WebhookID, f.WebhookID, limit+1)
	if err != nil {
		return hindsight.DeliveryPage{}, err
	}
	defer rows.Close()
	page := hindsight.DeliveryPage{Items: []hindsight.Delivery{}}
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, *d)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.NextCursor = page.Items[limit-1].ID
	}
	return page, rows.Err()
}

func scanDelivery(row scanner) (*hindsight.Delivery, error) {
	var d hindsight.Delivery
	err := row.Scan(&d.ID, &d.EventID, &d.WebhookID, &d.WebhookName, &d.URL, &d.Kind, &d.PostMortemID, &d.Attempt, at(&d.At),
		&d.DurationMillis, &d.Status, &d.OK, &d.Response, &d.Error, &d.Body)
	return &d, err
}
