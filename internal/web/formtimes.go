package web

import (
	"strconv"
	"strings"
	"time"
)

// A time on the form is typed as a time of day ("09:42") with its day
// beside it. The day may be left empty: it is then worked out from a
// reference time, so writing a timeline that happened on one day takes a
// time per event and nothing else, and one that ran past midnight rolls
// over to the next day by itself. The page script fills the day in as
// the writer types, by the same rules, so the writer sees what was chosen.

// dayRule says how an empty day is chosen from the reference time.
type dayRule int

const (
	// dayAfter picks the first such time of day at or after the
	// reference: detected and ended follow the start.
	dayAfter dayRule = iota
	// dayNearest picks the day that puts the time nearest the reference
	// (within 12 hours): a timeline event follows the event before it,
	// but may have been typed out of order.
	dayNearest
)

// whenSuffixes are the inputs a form time is typed in: "X_time" and
// "X_day". A single "X" with a full date and time is read too, for forms
// (and clients) that send one.
const (
	clockSuffix = "_time"
	daySuffix   = "_day"
)

// parseClock reads a time of day as people type it: "9:42", "09:42",
// "0942", "942", "9.42" or "21h05".
func parseClock(s string) (h, m int, ok bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.NewReplacer(".", ":", "h", ":").Replace(s)
	var hs, ms string
	if a, b, found := strings.Cut(s, ":"); found {
		hs, ms = a, b
	} else if len(s) == 3 || len(s) == 4 {
		hs, ms = s[:len(s)-2], s[len(s)-2:]
	} else if len(s) == 1 || len(s) == 2 {
		hs, ms = s, "00"
	} else {
		return 0, 0, false
	}
	if ms == "" {
		ms = "00"
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || len(ms) != 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// dayFor is the calendar day a time of day falls on, chosen from ref by
// rule. The arithmetic is on wall-clock times in loc, as the writer reads
// them, so a change of daylight saving time does not move the day.
func dayFor(h, m int, ref time.Time, loc *time.Location, rule dayRule) (int, time.Month, int) {
	r := ref.In(loc)
	wallRef := time.Date(r.Year(), r.Month(), r.Day(), r.Hour(), r.Minute(), 0, 0, time.UTC)
	same := time.Date(r.Year(), r.Month(), r.Day(), h, m, 0, 0, time.UTC)
	pick := same
	switch rule {
	case dayAfter:
		if same.Before(wallRef) {
			pick = same.AddDate(0, 0, 1)
		}
	case dayNearest:
		best := absDuration(same.Sub(wallRef))
		for _, c := range []time.Time{same.AddDate(0, 0, -1), same.AddDate(0, 0, 1)} {
			if d := absDuration(c.Sub(wallRef)); d < best || (d == best && c.After(pick)) {
				pick, best = c, d
			}
		}
	}
	return pick.Date()
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// when reads the form time called name: "name" as a full date and time,
// or "name_time" with "name_day", the day worked out from ref by rule
// when it is empty. Unreadable input is recorded by name, as typed.
func (fp *formParser) when(get func(suffix string) string, name string, ref *time.Time, rule dayRule) *time.Time {
	if full := strings.TrimSpace(get("")); full != "" {
		return fp.time(name, full)
	}
	day, clock := strings.TrimSpace(get(daySuffix)), strings.TrimSpace(get(clockSuffix))
	if day == "" && clock == "" {
		return nil
	}
	fail := func(msg string) *time.Time {
		fp.errors[name] = msg
		fp.raw[name+daySuffix], fp.raw[name+clockSuffix] = day, clock
		return nil
	}
	if clock == "" {
		return fail("needs a time of day, like 09:42")
	}
	h, m, ok := parseClock(clock)
	if !ok {
		return fail("is not a time of day like 09:42")
	}
	var y int
	var mo time.Month
	var d int
	switch {
	case day != "":
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			return fail("has a day that is not a date like 2026-03-10")
		}
		y, mo, d = t.Date()
	case ref != nil:
		y, mo, d = dayFor(h, m, *ref, fp.loc, rule)
	default:
		return fail("needs a day: there is no incident start to take it from")
	}
	t := time.Date(y, mo, d, h, m, 0, 0, fp.loc).UTC()
	return &t
}
