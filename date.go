package hindsight

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without a time or zone, used for target dates: a
// countermeasure is due on a day, not at an instant. It reads and writes as
// RFC 3339 full-date ("2026-04-01").
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateLayout is the textual form of a Date.
const DateLayout = "2006-01-02"

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date like 2026-04-01", s)
	}
	return DateOf(t), nil
}

// DateOf is the UTC calendar day of t.
func DateOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	return Date{y, m, d}
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Time is the start of the day in UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether the whole day lies before t: a countermeasure due
// today is not late until today has passed.
func (d Date) Before(t time.Time) bool { return !d.Time().AddDate(0, 0, 1).After(t) }

// MarshalJSON writes the date as a JSON string.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a JSON string date; a full RFC 3339 timestamp is
// accepted too and reduced to its UTC day.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string like 2026-04-01")
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		*d = DateOf(t)
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDays reads a duration that may be given in days ("90d") as well as
// Go's units ("36h"), as configuration and token expiries are written.
func ParseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days >= 0 && strconv.Itoa(days) == n {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration like 90d or 36h", s)
	}
	return d, nil
}
