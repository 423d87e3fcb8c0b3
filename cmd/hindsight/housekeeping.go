package main

import (
	"context"
	"log/slog"
	"time"

	"hindsight"
)

// purgeUploads deletes abandoned images — uploaded but never linked by a
// save within ttl — while serving, every quarter of ttl (at most hourly).
// Each instance runs it; the deletes are single statements, so several
// instances on one PostgreSQL never get in each other's way.
func purgeUploads(ctx context.Context, svc *hindsight.Service, ttl time.Duration) {
	purgeUploadsEvery(ctx, svc, ttl, min(time.Hour, max(time.Minute, ttl/4)))
}

func purgeUploadsEvery(ctx context.Context, svc *hindsight.Service, ttl, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := svc.PurgeAbandonedUploads(ctx, ttl)
		switch {
		case err != nil && ctx.Err() == nil:
			slog.Warn("purge abandoned uploads", "err", err)
		case n.Uploads+n.Attachments > 0:
			slog.Info("purged abandoned uploads", "uploads", n.Uploads, "attachments", n.Attachments)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
