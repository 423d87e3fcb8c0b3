package announce

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"hindsight"
)

// scanArgs runs the periodic scans: countermeasures overdue and revisits
// due. River runs periodic jobs on its elected leader only, and each
// event's key makes it announced once even if two scans found it.
type scanArgs struct{}

func (scanArgs) Kind() string { return "hindsight.scan" }

type scanWorker struct {
	river.WorkerDefaults[scanArgs]
	q *Queue
}

func (q *Queue) periodicJobs() []*river.PeriodicJob {
	if q.opts.ScanEvery < 0 {
		return nil
	}
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(q.opts.ScanEvery),
		func() (river.JobArgs, *river.InsertOpts) { return scanArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
}

// Work announces what became due.
func (w *scanWorker) Work(ctx context.Context, job *river.Job[scanArgs]) error {
	return w.q.Scan(ctx)
}

// reminderEvery is how often an overdue countermeasure is announced
// again while it stays overdue.
const reminderEvery = 30 * 24 * time.Hour

// Scan announces every countermeasure that is overdue — when it becomes
// overdue and every 30 days while it stays so — and every revisit that is
// due.
func (q *Queue) Scan(ctx context.Context) error {
	hk := hindsight.Housekeeping(ctx)
	now := q.svc.Now()
	users, err := q.svc.Users(hk)
	if err != nil {
		return err
	}
	cursor := ""
	for {
		page, err := q.svc.ListCountermeasures(hk, hindsight.CountermeasureFilter{Overdue: true, Limit: hindsight.MaxPageSize, Cursor: cursor})
		if err != nil {
			return err
		}
		for _, c := range page.Items {
			if c.Due == nil {
				continue
			}
			period := int(now.Sub(c.Due.Time()) / reminderEvery)
			a := hindsight.Announcement{ID: hindsight.NewID(), Kind: hindsight.AnnounceOverdue, PostMortemID: c.PostMortemID, Version: c.PostMortemVersion,
				Title: c.PostMortemTitle, Severity: c.Severity, Tags: c.Tags, At: now, Due: c.Due,
				Key:    fmt.Sprintf("overdue:%s:%s:%s:%d", c.PostMortemID, c.ID, c.Due, period),
				Detail: c.Title + ownerSuffix(c.Owner)}
			for _, u := range users {
				if u.Is(c.Owner) {
					a.Recipients = append(a.Recipients, u.ID)
				}
			}
			if err := q.insert(ctx, a); err != nil {
				return err
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	return q.scanRevisits(ctx)
}

// scanRevisits announces each revisit that fell due, once: its key names
// the post-mortem and which revisit it is.
func (q *Queue) scanRevisits(ctx context.Context) error {
	hk := hindsight.Housekeeping(ctx)
	due, err := q.svc.DueRevisits(hk)
	if err != nil {
		return err
	}
	for _, r := range due {
		a := hindsight.Announcement{ID: hindsight.NewID(), Kind: hindsight.AnnounceRevisitDue, PostMortemID: r.PostMortemID, Title: r.Title,
			Severity: r.Severity, Team: r.Team, At: q.svc.Now(), Due: &r.Due, Key: fmt.Sprintf("revisit:%s:%d", r.PostMortemID, r.Seq),
			Detail: fmt.Sprintf("Revisit %d is due: are the countermeasures done and still effective, has it recurred, what was learned since?", r.Seq+1)}
		if err := q.insert(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

func ownerSuffix(owner string) string {
	if owner == "" {
		return ""
	}
	return " (" + owner + ")"
}

// insert queues an announcement outside any other write.
func (q *Queue) insert(ctx context.Context, a hindsight.Announcement) error {
	_, err := q.client.Insert(ctx, fanoutArgs{Key: a.Key, A: a}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}
