package announce

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/riverqueue/river"

	"hindsight"
	"hindsight/internal/mail"
)

// inviteArgs is a meeting notice to e-mail: one job per notice, which
// turns into one mail job per attendee who may have it.
type inviteArgs struct {
	ID string                  `json:"id" river:"unique"`
	N  hindsight.MeetingNotice `json:"n"`
}

func (inviteArgs) Kind() string { return "hindsight.invite" }

type inviteWorker struct {
	river.WorkerDefaults[inviteArgs]
	q *Queue
}

// InviteTx queues a meeting notice in tx; without a mailer nothing is
// queued, and one worked while mail is off sends nothing.
func (q *Queue) InviteTx(ctx context.Context, tx *sql.Tx, n hindsight.MeetingNotice) error {
	if q.opts.Mail == nil || len(n.Attendees) == 0 {
		return nil
	}
	_, err := q.client.InsertTx(ctx, tx, inviteArgs{ID: n.ID, N: n}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// Work works out who of the attendees may have the notice as the
// post-mortem is now — of a restricted one, only those who may read it —
// and queues one mail each, with the calendar part, in the transaction
// that completes this job.
func (w *inviteWorker) Work(ctx context.Context, job *river.Job[inviteArgs]) error {
	n := job.Args.N
	if !w.q.mailOn(ctx) {
		return river.JobCancel(mail.ErrOff)
	}
	to, err := w.q.svc.MeetingRecipients(hindsight.Housekeeping(ctx), n)
	if errors.Is(err, hindsight.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("post-mortem %s is gone", n.PostMortemID))
	}
	if err != nil {
		return err
	}
	if n.Method == hindsight.MeetingRequest {
		n.Attendees = to // the request lists only those it goes to
	}
	var jobs []river.InsertManyParams
	for i, a := range to {
		m := mail.RenderInvitation(n, a, w.q.opts.BaseURL)
		m.ID = n.ID + "." + strconv.Itoa(i)
		jobs = append(jobs, river.InsertManyParams{Args: mailArgs{M: m}})
	}
	return completeWith(ctx, w.q, job, jobs)
}
