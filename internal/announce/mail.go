package announce

import (
	"context"
	"errors"

	"github.com/riverqueue/river"

	"hindsight"
	"hindsight/internal/mail"
)

// Mailer sends e-mail (package mail, over SMTP): a mail.Sender with
// fixed settings, or mail.Live, which follows the settings an admin
// changes.
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
	// Lists are the addresses every unrestricted announcement of the
	// kind also goes to.
	Lists(ctx context.Context, kind hindsight.AnnouncementKind) []string
	// On reports whether mail is sent: a server is set.
	On(ctx context.Context) bool
}

// mailArgs is one e-mail to send.
type mailArgs struct {
	M mail.Message `json:"m"`
}

func (mailArgs) Kind() string { return "hindsight.mail" }

type mailWorker struct {
	river.WorkerDefaults[mailArgs]
	q *Queue
}

// Work sends it; a failure is retried with backoff. A message queued
// before mail was turned off is dropped.
func (w *mailWorker) Work(ctx context.Context, job *river.Job[mailArgs]) error {
	err := w.q.opts.Mail.Send(ctx, job.Args.M)
	if errors.Is(err, mail.ErrOff) {
		return river.JobCancel(err)
	}
	return err
}

// mailOn reports whether the queue sends mail now.
func (q *Queue) mailOn(ctx context.Context) bool { return q.opts.Mail != nil && q.opts.Mail.On(ctx) }

// Mails reports whether the queue sends e-mail.
func (q *Queue) Mails(ctx context.Context) bool { return q.mailOn(ctx) }

// TestMail sends a test message at once through the mail settings in
// force, not through the queue, so an admin sees the server's answer.
func (q *Queue) TestMail(ctx context.Context, to string) error {
	if !q.mailOn(ctx) {
		return mail.ErrOff
	}
	return q.opts.Mail.Send(ctx, mail.RenderTest(to, q.opts.BaseURL))
}

// mails are the mail jobs of an announcement: one per recipient who may
// read it, and, unless it is restricted, one per configured list.
func (q *Queue) mails(ctx context.Context, a hindsight.Announcement, aud hindsight.AnnouncementAudience) []river.InsertManyParams {
	var out []river.InsertManyParams
	for i := range aud.Users {
		m := mail.Render(a, &aud.Users[i], q.opts.BaseURL)
		m.ID, m.To = a.ID+"."+aud.Users[i].ID, []string{aud.Users[i].Email}
		out = append(out, river.InsertManyParams{Args: mailArgs{M: m}})
	}
	if aud.Restricted {
		return out
	}
	for _, list := range q.opts.Mail.Lists(ctx, a.Kind) {
		m := mail.Render(a, nil, q.opts.BaseURL)
		m.ID, m.To = a.ID+".list."+list, []string{list}
		out = append(out, river.InsertManyParams{Args: mailArgs{M: m}})
	}
	return out
}
