package hindsight

import (
	"context"
	"time"
)

// ClaimJob reports whether this instance should run a scheduled job now:
// it is due, and no other instance claimed this run. Housekeeping may.
func (s *Service) ClaimJob(ctx context.Context, job, instance string, every time.Duration) (bool, error) {
	if p, _ := PrincipalFrom(ctx); !p.System {
		return false, forbidden("scheduled jobs are the instance's own")
	}
	now := s.now()
	return s.store.ClaimJob(ctx, job, instance, now, now.Add(every))
}
