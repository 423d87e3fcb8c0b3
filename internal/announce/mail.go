package announce

import (
	"context"

	"github.com/riverqueue/river"

	"hindsight"
	"hindsight/internal/mail"
)

// Mailer sends e-mail (package mail, over SMTP).
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
	// Render words an announcement for a recipient (nil: a mailing
	// list).
	Render(a hindsight.Announcement, to *hindsight.User, baseURL string) mail.Message
	// Lists are the addresses every unrestricted announcement of the
	// kind also goes to.
	Lists(kind hindsight.AnnouncementKind) []string
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

// Work sends it; a failure is retried with backoff.
func (w *mailWorker) Work(ctx context.Context, job *river.Job[mailArgs]) error {
	return w.q.opts.Mail.Send(ctx, job.Args.M)
}

// mails are the mail jobs of an announcement: one per recipient who may
// read it, and, unless it is restricted, one per configured list.
func (q *Queue) mails(a hindsight.Announcement, aud hindsight.AnnouncementAudience) []river.InsertManyParams {
	var out []river.InsertManyParams
	for i := range aud.Users {
		m := q.opts.Mail.Render(a, &aud.Users[i], q.opts.BaseURL)
		m.ID, m.To = a.ID+"."+aud.Users[i].ID, []string{aud.Users[i].Email}
		out = append(out, river.InsertManyParams{Args: mailArgs{M: m}})
	}
	if aud.Restricted {
		return out
	}
	for _, list := range q.opts.Mail.Lists(a.Kind) {
		m := q.opts.Mail.Render(a, nil, q.opts.BaseURL)
		m.ID, m.To = a.ID+".list."+list, []string{list}
		out = append(out, river.InsertManyParams{Args: mailArgs{M: m}})
	}
	return out
}
