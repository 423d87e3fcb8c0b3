// Package housekeeping runs the work an instance does by itself on a
// schedule — purging expired sessions, the trash — so that of several
// instances on one database exactly one runs each job each period: every
// instance asks the database for the run (Service.ClaimJob) and only the
// one that moves the job's next run forward does the work.
package housekeeping

import (
	"context"
	"log/slog"
	"time"

	"hindsight"
)

// Job is work done on a schedule.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

// Jobs are Hindsight's scheduled jobs. uploadTTL is how long an image
// uploaded but never linked by a save is kept.
func Jobs(svc *hindsight.Service, uploadTTL time.Duration) []Job {
	return []Job{
		{Name: "purge-sessions", Every: time.Hour, Run: svc.PurgeSessions},
		{Name: "purge-uploads", Every: min(time.Hour, max(time.Minute, uploadTTL/4)), Run: func(ctx context.Context) error {
			n, err := svc.PurgeAbandonedUploads(ctx, uploadTTL)
			if n.Uploads+n.Attachments > 0 {
				slog.InfoContext(ctx, "purged abandoned uploads", "uploads", n.Uploads, "attachments", n.Attachments)
			}
			return err
		}},
		{Name: "purge-trash", Every: time.Hour, Run: func(ctx context.Context) error {
			gone, err := svc.PurgeExpired(ctx)
			if len(gone) > 0 {
				slog.InfoContext(ctx, "purged from the trash", "post-mortems", len(gone))
			}
			return err
		}},
	}
}

// Run checks every tick, until ctx ends, which jobs are due and runs those
// whose run this instance claims. instance names it in the schedule.
func Run(ctx context.Context, svc *hindsight.Service, instance string, tick time.Duration, jobs []Job) {
	ctx = hindsight.Housekeeping(ctx)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		for _, j := range jobs {
			mine, err := svc.ClaimJob(ctx, j.Name, instance, j.Every)
			if err != nil {
				if ctx.Err() == nil {
					slog.WarnContext(ctx, "claim a scheduled job", "job", j.Name, "err", err)
				}
				continue
			}
			if !mine {
				continue
			}
			if err := j.Run(ctx); err != nil && ctx.Err() == nil {
				slog.WarnContext(ctx, "scheduled job failed", "job", j.Name, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
