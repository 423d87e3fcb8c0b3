package announce

import (
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river/rivertype"
)

// ExponentialBackoff waits base before the first retry and twice as long
// before each next one, at most max, give or take 10 % so receivers that
// failed together are not retried together.
func ExponentialBackoff(base, max time.Duration) func(attempt int) time.Duration {
	return func(attempt int) time.Duration {
		d := base
		for i := 1; i < attempt && d < max; i++ {
			d *= 2
		}
		d = min(d, max)
		return d + time.Duration((rand.Float64()*0.2-0.1)*float64(d))
	}
}

// retryPolicy is River's retry policy for a backoff.
type retryPolicy struct{ backoff func(int) time.Duration }

func backoffPolicy(b func(int) time.Duration) retryPolicy { return retryPolicy{b} }

// NextRetry schedules the retry after the attempt that just failed.
func (p retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	return time.Now().Add(p.backoff(max(1, job.Attempt)))
}
