package sqlite

import (
	"context"
	"time"
)

// ClaimJob moves job's next run to next if it is due at now, in one
// statement: of several instances asking at once, one gets it.
func (s *Store) ClaimJob(ctx context.Context, job, instance string, now, next time.Time) (bool, error) {
	res, err := s.write.ExecContext(ctx, `INSERT INTO schedule (job, next_at, last_by) VALUES (?, ?, ?)
		ON CONFLICT (job) DO UPDATE SET next_at = excluded.next_at, last_by = excluded.last_by WHERE schedule.next_at <= ?`,
		job, micros(next), instance, micros(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
