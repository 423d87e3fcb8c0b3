package chatimport

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

var (
	// inlineRe is a message on one line: "[10:42] Ana: text",
	// "10:42 <ana> text", "2019-03-22 10:42 Ana: text", "[10:42 AM] Ana
	// Lopez: text".
	inlineRe = regexp.MustCompile(`^\[?(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)\]?\s+(?:<([^>]+)>:?|([^:<>]{1,60}):)\s+(.*)$`)
	// headerRe is the line a copied Slack or Teams message starts with:
	// "Ana Lopez  10:42 AM" (the text follows on the next lines).
	headerRe = regexp.MustCompile(`^(\S.{0,60}?)\s+(?:\[)?(\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)\]?$`)
)

// ReadPasted reads chat text pasted from a client: one message a line with
// its time and author first, or (as Slack and Teams copy it) a line with
// the author and time followed by the message's lines. Times without a date
// fall on day, rolling past midnight; all are in loc.
func ReadPasted(text string, day time.Time, loc *time.Location) ([]Message, error) {
	var out []Message
	cur := day
	var prev time.Time
	place := func(date, clock string) (time.Time, error) {
		d := cur
		if date != "" {
			t, err := time.ParseInLocation("2006-01-02", date, loc)
			if err != nil {
				return time.Time{}, err
			}
			d, cur = t, t
		}
		c, err := readClock(clock)
		if err != nil {
			return time.Time{}, err
		}
		y, m, dd := d.Date()
		t := time.Date(y, m, dd, c.Hour(), c.Minute(), c.Second(), 0, loc)
		if date == "" && !prev.IsZero() && t.Before(prev.Add(-3*time.Hour)) {
			t = t.AddDate(0, 0, 1)
			cur = cur.AddDate(0, 0, 1)
		}
		prev = t
		return t.UTC(), nil
	}
	for n, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if m := inlineRe.FindStringSubmatch(t); m != nil {
			at, err := place(m[1], m[2])
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			out = append(out, Message{At: at, Author: strings.TrimSpace(cmpOr(m[3], m[4])), Text: m[5]})
			continue
		}
		if m := headerRe.FindStringSubmatch(t); m != nil {
			at, err := place("", m[2])
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			out = append(out, Message{At: at, Author: m[1]})
			continue
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("line %d: %q starts no message: lines look like \"[10:42] Ana: text\" or \"Ana  10:42 AM\" followed by the text", n+1, t)
		}
		last := &out[len(out)-1]
		last.Text = strings.TrimSpace(last.Text + "\n" + t)
	}
	return out, nil
}

// readClock reads "10:42", "10:42:05", "10:42 AM".
func readClock(s string) (time.Time, error) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), " "))
	for _, l := range []string{"15:04", "15:04:05", "3:04 PM", "3:04PM", "3:04:05 PM", "3:04:05PM"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time of day like 10:42 or 10:42 AM", s)
}
