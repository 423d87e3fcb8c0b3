package hindsight

import "time"

// Policy holds the organisation's configurable rules that validation and
// follow-through depend on.
type Policy struct {
	// Severities is the allowed set, most severe first.
	Severities []string
	// MeetingDeadlines is how long after an incident ends its post-mortem
	// meeting should be held, per severity; DefaultMeetingDeadline covers
	// the rest. The guide: "schedule post-mortem as soon as possible".
	MeetingDeadlines       map[string]time.Duration
	DefaultMeetingDeadline time.Duration
	// ReverifyAfter is how long a done countermeasure may go without a
	// "still taking effect" check before it is due for one.
	ReverifyAfter time.Duration
	// TrashRetention is how long a deleted post-mortem stays in the
	// trash, where it can be restored, before it is purged for good.
	TrashRetention time.Duration
}

// DefaultPolicy is SEV1–SEV4, meetings within 3/5/10 days, re-verification
// every 90 days, deleted post-mortems kept in the trash for 30 days.
func DefaultPolicy() Policy {
	const day = 24 * time.Hour
	return Policy{
		Severities:             []string{"SEV1", "SEV2", "SEV3", "SEV4"},
		MeetingDeadlines:       map[string]time.Duration{"SEV1": 3 * day, "SEV2": 5 * day},
		DefaultMeetingDeadline: 10 * day,
		ReverifyAfter:          90 * day,
		TrashRetention:         30 * day,
	}
}

// MeetingDeadline is the time allowed between incident end and meeting for
// a severity.
func (p Policy) MeetingDeadline(severity string) time.Duration {
	if d, ok := p.MeetingDeadlines[severity]; ok {
		return d
	}
	return p.DefaultMeetingDeadline
}

// NeedsReverification reports whether a done countermeasure has gone
// longer than ReverifyAfter without a "still taking effect" check (or,
// never checked, since it was done).
func (p Policy) NeedsReverification(c Countermeasure, now time.Time) bool {
	if c.Status != CMDone {
		return false
	}
	last := c.VerifiedAt
	if last == nil {
		last = c.DoneAt
	}
	return last == nil || last.Before(now.Add(-p.ReverifyAfter))
}

// ValidSeverity reports whether s is one of the configured severities.
func (p Policy) ValidSeverity(s string) bool {
	for _, v := range p.Severities {
		if v == s {
			return true
		}
	}
	return false
}
