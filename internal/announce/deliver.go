package announce

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"hindsight"
	"hindsight/internal/webhook"
)

// deliverArgs is one body to post to one webhook. The body is fixed when
// the announcement is spread, so every retry and redelivery sends the
// same bytes (signed afresh).
type deliverArgs struct {
	EventID      string                     `json:"event_id"`
	WebhookID    string                     `json:"webhook_id"`
	Event        hindsight.AnnouncementKind `json:"kind"`
	PostMortemID string                     `json:"postmortem_id"`
	Body         string                     `json:"body"`
}

func (deliverArgs) Kind() string { return "hindsight.webhook" }

type deliverWorker struct {
	river.WorkerDefaults[deliverArgs]
	q *Queue
}

// Work posts the body and logs how it went. A failure that may pass (no
// answer, 5xx, 408, 429) is retried with backoff; one that will not (a
// refused address, another 4xx, a deleted webhook, a post-mortem
// restricted since) is given up at once.
func (w *deliverWorker) Work(ctx context.Context, job *river.Job[deliverArgs]) error {
	a := job.Args
	hk := hindsight.Housekeeping(ctx)
	h, err := w.q.svc.Webhook(hk, a.WebhookID)
	if errors.Is(err, hindsight.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("webhook %s was deleted", a.WebhookID))
	}
	if err != nil {
		return err
	}
	if head, err := w.q.svc.Head(hk, a.PostMortemID); err != nil || head.Access.Restricted {
		return river.JobCancel(fmt.Errorf("post-mortem %s is gone or restricted now: not sent", a.PostMortemID))
	}
	d := hindsight.Delivery{EventID: a.EventID, WebhookID: h.ID, WebhookName: h.Name, URL: h.URL, Kind: a.Event, PostMortemID: a.PostMortemID,
		Attempt: job.Attempt, Body: a.Body}
	if h.Disabled {
		// Logged, so an admin sees what was held back and may redeliver
		// it after resuming.
		d.At, d.Error = w.q.svc.Now(), "not sent: the webhook is paused"
		w.q.record(ctx, d)
		return river.JobCancel(fmt.Errorf("webhook %s is paused", h.Name))
	}
	// The signature's time is the wall clock's: receivers compare it with
	// theirs.
	res := webhook.Post(ctx, w.q.http, h.URL, h.Secret, a.Event, a.EventID, []byte(a.Body), time.Now())
	d.At, d.DurationMillis, d.Status, d.OK, d.Response = w.q.svc.Now(), res.Duration.Milliseconds(), res.Status, res.OK(), res.Response
	if res.Err != nil {
		d.Error = res.Err.Error()
	}
	w.q.record(ctx, d)
	switch {
	case res.OK():
		return nil
	case !res.Retry():
		return river.JobCancel(deliveryError(res))
	}
	return deliveryError(res)
}

func deliveryError(r webhook.Result) error {
	if r.Err != nil {
		return r.Err
	}
	return fmt.Errorf("the receiver answered %d", r.Status)
}

// record logs a delivery attempt; a log that cannot be written is the
// instance's trouble, not the delivery's.
func (q *Queue) record(ctx context.Context, d hindsight.Delivery) {
	if err := q.svc.RecordDelivery(hindsight.Housekeeping(ctx), d); err != nil {
		q.opts.Logger.ErrorContext(ctx, "log a webhook delivery", "webhook", d.WebhookName, "err", err)
	}
}
