package markdown

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// formatTime writes a time the way the guide's sample does
// ("2026-03-10 09:42 UTC"), with seconds only when they are not zero.
func formatTime(t time.Time) string {
	t = t.UTC()
	if t.Second() != 0 || t.Nanosecond() != 0 {
		if t.Nanosecond() != 0 {
			return t.Format("2006-01-02 15:04:05.999999 UTC")
		}
		return t.Format("2006-01-02 15:04:05 UTC")
	}
	return t.Format("2006-01-02 15:04 UTC")
}

// formatClock writes only the time of day, for timeline bullets on the
// day the reader already knows.
func formatClock(t time.Time) string {
	s := formatTime(t)
	return s[len("2006-01-02 "):]
}

var (
	// clockRe matches a time of day with an optional zone: "09:40",
	// "09:40:05 UTC", "9:40Z", "09:40 +02:00".
	clockRe = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$`)
	// dateTimeRe matches a date with an optional time of day.
	dateTimeRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[T ]\s*(.+))?$`)
)

// parseTime reads a full time as people write it in the template: with a
// date, a time of day and an optional zone (UTC when none is given).
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	m := dateTimeRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("%q is not a time like 2026-03-10 09:42 UTC", s)
	}
	day, err := time.Parse("2006-01-02", m[1])
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a time like 2026-03-10 09:42 UTC", s)
	}
	if m[2] == "" {
		return day, nil
	}
	t, ok := onDay(day, m[2])
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a time like 2026-03-10 09:42 UTC", s)
	}
	return t, nil
}

// onDay reads a time of day (with optional zone) on the given UTC day.
func onDay(day time.Time, clock string) (time.Time, bool) {
	m := clockRe.FindStringSubmatch(strings.TrimSpace(clock))
	if m == nil {
		return time.Time{}, false
	}
	h, min, sec, nsec := atoi(m[1]), atoi(m[2]), atoi(m[3]), 0
	if m[4] != "" {
		nsec = atoi((m[4][1:] + "000000000")[:9])
	}
	if h > 23 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	loc := time.UTC
	if z := m[5]; z != "" && z != "UTC" && z != "GMT" && z != "Z" {
		z = strings.Replace(z, ":", "", 1)
		off := atoi(z[1:3])*3600 + atoi(z[3:5])*60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone(z, off)
	}
	y, mo, d := day.Date()
	return time.Date(y, mo, d, h, min, sec, nsec, loc).UTC(), true
}

// atoi reads decimal digits the regular expressions already checked; ""
// is 0.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
