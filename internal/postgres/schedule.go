package postgres

import (
	"context"
	"time"
)

// ClaimJob moves job's next run to next if it is due at now, in one
// statement: of several instances asking at once, one gets it.
func (s *Store) ClaimJob(ctx context.Context, job, instance string, now, next time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO schedule (job, next_at, last_by) VALUES ($1, $2, $3)
		ON CONFLICT (job) DO UPDATE SET next_at = EXCLUDED.next_at, last_by = EXCLUDED.last_by WHERE schedule.next_at <= $4`,
		job, next, instance, now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
