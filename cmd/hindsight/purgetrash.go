package main

import (
	"context"
	"log/slog"
	"time"

	"hindsight"
)

// purgeTrash deletes for good, every hour while serving, the post-mortems
// that have been in the trash longer than the policy keeps them. Several
// instances on one database may run it at once: each post-mortem is
// purged, and logged, by whichever gets to it first.
func purgeTrash(ctx context.Context, svc *hindsight.Service) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		gone, err := svc.PurgeExpired(hindsight.Housekeeping(ctx))
		switch {
		case err != nil && ctx.Err() == nil:
			slog.Warn("purge the trash", "err", err)
		case len(gone) > 0:
			slog.Info("purged from the trash", "post-mortems", len(gone))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
