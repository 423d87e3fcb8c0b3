package announce

import (
	"context"

	"github.com/riverqueue/river"

	"hindsight"
	"hindsight/internal/mail"
)

// digestEvery is how often the weekly digest goes out.
const digestEvery = hindsight.DigestWeek

// SendDigests queues the weekly digest of every active user who asked
// for one and has something to read: what was published in the past
// week and what they own that is overdue, each only if they may read it.
// Housekeeping runs it once a week on one instance; the mails go through
// the queue, so a busy mail server is retried.
func (q *Queue) SendDigests(ctx context.Context) error {
	if !q.mailOn(ctx) {
		return nil
	}
	hk := hindsight.Housekeeping(ctx)
	now := q.svc.Now()
	users, err := q.svc.Users(hk)
	if err != nil {
		return err
	}
	var jobs []river.InsertManyParams
	for _, u := range users {
		if !u.WeeklyDigest || u.Disabled || u.Email == "" {
			continue
		}
		d, err := q.svc.Digest(hk, u.ID, now.Add(-digestEvery))
		if err != nil {
			return err
		}
		if d.Empty() {
			continue
		}
		m := mail.RenderDigest(d, q.opts.BaseURL)
		m.ID = "digest." + u.ID + "." + now.UTC().Format("2006-01-02")
		jobs = append(jobs, river.InsertManyParams{Args: mailArgs{M: m}})
	}
	if len(jobs) == 0 {
		return nil
	}
	_, err = q.client.InsertMany(ctx, jobs)
	return err
}
