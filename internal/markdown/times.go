package markdown

import (
	"fmt"
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

// parseTime reads a full time as people write it: with a date, a time of
// day and an optional zone (UTC when none is given).
func parseTime(s string) (time.Time, error) {
	t, _, err := parseTimeIn(s, time.UTC, false)
	return t, err
}

// parseTimeIn reads a full time; one written without a zone is in loc. It
// also returns the zone the text named, or nil.
func parseTimeIn(s string, loc *time.Location, dayFirst bool) (time.Time, *time.Location, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), t.Location(), nil
	}
	st, rest, ok := leadingStamp(s)
	st = st.ordered(dayFirst)
	if !ok || st.day == nil || st.day.y == 0 || strings.Trim(rest, " .") != "" {
		return time.Time{}, nil, fmt.Errorf("%q is not a time like 2026-03-10 09:42 UTC", s)
	}
	if st.clock == nil {
		return time.Date(st.day.y, time.Month(st.day.m), st.day.d, 0, 0, 0, 0, loc).UTC(), nil, nil
	}
	return st.clock.at(*st.day, loc), st.clock.zone, nil
}

// atoi reads decimal digits the regular expressions already checked; ""
// is 0.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
