package announce

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"hindsight"
	"hindsight/internal/webhook"
)

// fanoutArgs is an announcement to spread: one job per event, unique by
// its key, which turns into one delivery job per webhook and one mail
// job per recipient.
type fanoutArgs struct {
	Key string                 `json:"key" river:"unique"`
	A   hindsight.Announcement `json:"a"`
}

func (fanoutArgs) Kind() string { return "hindsight.announce" }

type fanoutWorker struct {
	river.WorkerDefaults[fanoutArgs]
	q *Queue
}

// Work works out where the announcement goes as the post-mortem is now —
// a restricted one goes to no webhook and no list, only to people who
// may read it — and queues the deliveries in the same transaction that
// completes this job, so each is queued exactly once.
func (w *fanoutWorker) Work(ctx context.Context, job *river.Job[fanoutArgs]) error {
	a := job.Args.A
	hk := hindsight.Housekeeping(ctx)
	aud, err := w.q.svc.AnnouncementAudience(hk, a)
	if errors.Is(err, hindsight.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("post-mortem %s is gone", a.PostMortemID))
	}
	if err != nil {
		return err
	}
	var jobs []river.InsertManyParams
	if !aud.Restricted {
		hooks, err := w.q.svc.Webhooks(hk)
		if err != nil {
			return err
		}
		for _, h := range hooks {
			if !h.Wants(a) {
				continue
			}
			eventID := a.ID + "." + h.ID
			body, err := webhook.Body(h.Format, a, eventID, w.q.opts.BaseURL)
			if err != nil {
				return err
			}
			jobs = append(jobs, river.InsertManyParams{Args: deliverArgs{EventID: eventID, WebhookID: h.ID, Event: a.Kind, PostMortemID: a.PostMortemID, Body: string(body)}})
		}
	}
	if w.q.mailOn(ctx) {
		jobs = append(jobs, w.q.mails(ctx, a, aud)...)
	}
	return completeWith(ctx, w.q, job, jobs)
}

// completeWith queues jobs in the transaction that completes job, so
// what a job spreads into is queued exactly once however often it runs.
func completeWith[T river.JobArgs](ctx context.Context, q *Queue, job *river.Job[T], jobs []river.InsertManyParams) error {
	tx, err := q.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if len(jobs) > 0 {
		if _, err := q.client.InsertManyTx(ctx, tx, jobs); err != nil {
			return err
		}
	}
	if _, err := river.JobCompleteTx[*riverdatabasesql.Driver](ctx, tx, job); err != nil {
		return err
	}
	return tx.Commit()
}
