package sqlite

import (
	"time"

	"hindsight"
)

// Times are stored as Unix microseconds in UTC: they sort and compare as
// integers, and microseconds are finer than anything a person records.
func micros(t time.Time) int64 { return t.UnixMicro() }

func microsPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMicro()
}

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

func fromNullMicros(us *int64) *time.Time {
	if us == nil {
		return nil
	}
	t := fromMicros(*us)
	return &t
}

// sortAt is the time a post-mortem sorts and filters by.
func sortAt(p *hindsight.PostMortem) int64 {
	if p.Incident.StartedAt != nil {
		return micros(*p.Incident.StartedAt)
	}
	return micros(p.CreatedAt)
}
