package markdown

import (
	"time"

	"hindsight"
)

// rollover is how far a time of day may fall before the previous entry
// and still be the same day: an entry written late ("14:03" after
// "14:05") stays on its day, while "00:10" after "23:55" is the next.
const rollover = 3 * time.Hour

// dayCursor places a timeline entry that gives only a time of day (or a
// date without a year): on the day of the entry before, or the date last
// written above it, or the incident's day at first, rolling past midnight
// when a time falls well before the one before.
type dayCursor struct {
	day  *civil // nil when unknown
	year int    // for dates written without a year; 0 when unknown
	prev *time.Time
	loc  *time.Location
	// dayFirst reads ambiguous numeric dates day first.
	dayFirst bool
}

func newDayCursor(p *hindsight.PostMortem, loc *time.Location) *dayCursor {
	c := &dayCursor{loc: loc}
	for _, t := range []*time.Time{p.Incident.StartedAt, p.Incident.DetectedAt, p.Meeting.Date} {
		if t != nil {
			c.setDay(civilOf(t.In(loc)))
			break
		}
	}
	return c
}

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, int(m), d}
}

// setDay makes day the current day, as a date heading or line does.
func (c *dayCursor) setDay(day civil) {
	if day.y == 0 {
		if c.year == 0 {
			return
		}
		day.y = c.year
	}
	c.day, c.year = &day, day.y
}

// place gives a stamp's time; false when it has no day to go on.
func (c *dayCursor) place(st stamp) (time.Time, bool) {
	st = st.ordered(c.dayFirst)
	if st.clock == nil {
		return time.Time{}, false
	}
	if st.day != nil {
		day := *st.day
		if day.y == 0 {
			if c.year == 0 {
				return time.Time{}, false
			}
			day.y = c.year
		}
		return st.clock.at(day, c.loc), true
	}
	if c.day == nil {
		return time.Time{}, false
	}
	t := st.clock.at(*c.day, c.loc)
	if c.prev != nil && t.Before(c.prev.Add(-rollover)) {
		next := time.Date(c.day.y, time.Month(c.day.m), c.day.d+1, 0, 0, 0, 0, time.UTC)
		t = st.clock.at(civilOf(next), c.loc)
	}
	return t, true
}

// advance records t as the latest entry's time.
func (c *dayCursor) advance(t time.Time) {
	c.prev = &t
	day := civilOf(t.In(c.loc))
	c.day, c.year = &day, day.y
}
