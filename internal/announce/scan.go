package announce

import (
	"context"
	"fmt"
	"time"

	"hindsight"
	"hindsight/internal/housekeeping"
)

// Jobs are the queue's scheduled jobs, run by housekeeping so that of
// several instances on one database exactly one runs each per period
// (Service.ClaimJob): the scan for overdue countermeasures and, when
// mail is on, the weekly digest. The scan also announces revisits due.
func (q *Queue) Jobs() []housekeeping.Job {
	if q.opts.ScanEvery < 0 {
		return nil
	}
	jobs := []housekeeping.Job{{Name: "announce-overdue", Every: q.opts.ScanEvery, Run: q.Scan}}
	if q.opts.Mail != nil {
		jobs = append(jobs, housekeeping.Job{Name: "weekly-digest", Every: digestEvery, Run: q.SendDigests})
	}
	return jobs
}

// reminderEvery is how often an overdue countermeasure is announced
// again while it stays overdue.
const reminderEvery = 30 * 24 * time.Hour

// Scan announces every countermeasure that is overdue — when it becomes
// overdue and every 30 days while it stays so — and every revisit fallen
// due. Each reminder's key names
// its 30-day period, so a scan that finds it again (the next hour, or on
// another instance) announces nothing new.
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
			a := hindsight.Announcement{Kind: hindsight.AnnounceOverdue, PostMortemID: c.PostMortemID, Version: c.PostMortemVersion,
				Title: c.PostMortemTitle, Severity: c.Severity, Tags: c.Tags, At: now, Due: c.Due,
				Key:    fmt.Sprintf("overdue:%s:%s:%s:%d", c.PostMortemID, c.ID, c.Due, period),
				Detail: c.Title + ownerSuffix(c.Owner)}
			for _, u := range users {
				if u.Is(c.Owner) {
					a.Recipients = append(a.Recipients, u.ID)
				}
			}
			if err := q.svc.Announce(hk, a); err != nil {
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
		a := hindsight.Announcement{Kind: hindsight.AnnounceRevisitDue, PostMortemID: r.PostMortemID, Title: r.Title,
			Severity: r.Severity, Team: r.Team, At: q.svc.Now(), Due: &r.Due, Key: fmt.Sprintf("revisit:%s:%d", r.PostMortemID, r.Seq),
			Detail: fmt.Sprintf("Revisit %d is due: are the countermeasures done and still effective, has it recurred, what was learned since?", r.Seq+1)}
		if err := q.svc.Announce(hk, a); err != nil {
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
