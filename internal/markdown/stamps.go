package markdown

import (
	"regexp"
	"strings"
	"time"
)

// civil is a calendar day as written, without a zone.
type civil struct{ y, m, d int }

func (c civil) valid() bool {
	t := time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
	return c.y > 1900 && c.y < 2200 && t.Day() == c.d && int(t.Month()) == c.m
}

// clock is a time of day as written, with its zone when one was given.
type clock struct {
	h, m, s, ns int
	zone        *time.Location
}

// stamp is a date and/or time found at the start of a line.
type stamp struct {
	day   *civil
	clock *clock
	// ambiguous marks a numeric date like 08-01-2026 that reads as either
	// day or month first; day holds the month-first reading until the
	// document's own order decides (see dayFirst).
	ambiguous bool
}

// ordered returns the stamp with an ambiguous numeric date read in the
// document's order.
func (st stamp) ordered(dayFirst bool) stamp {
	if st.ambiguous && dayFirst && st.day != nil {
		d := civil{st.day.y, st.day.d, st.day.m}
		st.day, st.ambiguous = &d, false
	}
	return st
}

var numericDateRe = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

var numericDatesRe = regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b`)

// definiteOrder reports whether some numeric date in text can only be read
// one way (a part above 12).
func definiteOrder(text string) bool {
	for _, m := range numericDatesRe.FindAllStringSubmatch(text, -1) {
		if atoi(m[1]) > 12 || atoi(m[2]) > 12 {
			return true
		}
	}
	return false
}

// dayFirst decides how a document writes numeric dates: day first
// (08-01-2026 is 8 January) when any date there can only be read so, month
// first when any can only be read that way, else by the zone it declares
// (American zones write the month first).
func dayFirst(text string, zone *time.Location) bool {
	dm, md := 0, 0
	for _, m := range numericDatesRe.FindAllStringSubmatch(text, -1) {
		switch a, b := atoi(m[1]), atoi(m[2]); {
		case a > 12 && b <= 12:
			dm++
		case b > 12 && a <= 12:
			md++
		}
	}
	if dm != md {
		return dm > md
	}
	if zone == nil {
		return true
	}
	name := zone.String()
	american := strings.HasPrefix(name, "America/") || strings.HasPrefix(name, "US/")
	for _, z := range []string{"PST", "PDT", "MST", "MDT", "CST", "CDT", "EST", "EDT", "AKST", "AKDT", "HST"} {
		american = american || name == z
	}
	return !american
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

const (
	monthWord = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	weekday   = `(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`
	datePart  = `(?P<iso>\d{4}[-/]\d{1,2}[-/]\d{1,2})|` +
		weekday + `(?P<md>` + monthWord + `\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)|` +
		weekday + `(?P<dm>\d{1,2}(?:st|nd|rd|th)?\s+` + monthWord + `(?:,?\s+\d{4})?)|` +
		`(?P<us>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})`
)

// clockPart matches a time of day and its zone, in groups named with
// suffix.
func clockPart(suffix string) string {
	return `(?P<clock` + suffix + `>\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?)` +
		`(?:\s?(?P<zone` + suffix + `>` + zoneWord + `))?`
}

// stampRe matches a date, a time, or both at the start of a line, in the
// shapes people write timelines in, wrapped in bold, brackets or backticks
// or not, and the separator after it.
var stampRe = regexp.MustCompile(`(?i)^(?:\*\*|__|\[|` + "`" + `|\*|_)?\s*(?:~|ca\.\s*|approx\.?\s*|around\s+)?(?:(?:` + datePart + `)(?:(?:,?\s+(?:at\s+)?|T|\s*[-–—]\s*)(?:` + clockPart("") + `))?|(?:` + clockPart("2") + `))` +
	`(?:\s*[-–—]\s*\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?` + zoneWord + `)?)?` + // a range: the start counts
	`[+?]*\s*(?:\*\*|__|\]|` + "`" + `|\*|_)?\s*(?:[-–—|:)]\s*|\s+|$)`)

var isoDateRe = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$`)

// leadingStamp reads a date and/or time at the start of s and returns it
// with the rest of the line. Bare numbers ("3 servers") are not stamps: a
// stamp has a colon, am/pm, a month or a full date.
func leadingStamp(s string) (stamp, string, bool) {
	m := stampRe.FindStringSubmatchIndex(s)
	if m == nil {
		return stamp{}, s, false
	}
	get := func(name string) string {
		i := stampRe.SubexpIndex(name)
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	var st stamp
	switch {
	case get("iso") != "":
		p := isoDateRe.FindStringSubmatch(get("iso"))
		st.day = &civil{atoi(p[1]), atoi(p[2]), atoi(p[3])}
	case get("md") != "":
		st.day = monthDay(get("md"), true)
	case get("dm") != "":
		st.day = monthDay(get("dm"), false)
	case get("us") != "":
		p := numericDateRe.FindStringSubmatch(get("us"))
		a, b := atoi(p[1]), atoi(p[2])
		st.day = &civil{atoi(p[3]), a, b}
		switch {
		case a > 12:
			st.day.m, st.day.d = b, a
		case b <= 12:
			st.ambiguous = true
		}
	}
	if st.day != nil && !st.day.valid() && st.day.y != 0 {
		return stamp{}, s, false
	}
	suffix := ""
	if get("clock2") != "" {
		suffix = "2"
	}
	if c := get("clock" + suffix); c != "" {
		cl, ok := readClock(c)
		if !ok {
			return stamp{}, s, false
		}
		if z := get("zone" + suffix); z != "" {
			if cl.zone = lookupZone(z); cl.zone == nil {
				// Not a zone after all ("09:40 DB failover"): the stamp
				// ends at the time and the word is text.
				end := m[2*stampRe.SubexpIndex("clock"+suffix)+1]
				return stampThen(st, cl, s[end:])
			}
		}
		st.clock = &cl
	}
	if st.day == nil && st.clock == nil {
		return stamp{}, s, false
	}
	rest := s[m[1]:]
	// "11:10 6th Nov 2023 - …": a date may follow the time.
	if st.day == nil && st.clock != nil {
		if d, after, ok := leadingStamp(strings.TrimPrefix(strings.TrimSpace(rest), "on ")); ok && d.day != nil && d.clock == nil {
			st.day, st.ambiguous, rest = d.day, d.ambiguous, after
		}
	}
	return st, rest, true
}

var separatorRe = regexp.MustCompile(`^\s*(?:\*\*|__|\]|` + "`" + `)?\s*(?:[-–—|:)]\s+|\s+)`)

// stampThen finishes a stamp whose time is followed by text rather than a
// zone.
func stampThen(st stamp, cl clock, rest string) (stamp, string, bool) {
	st.clock = &cl
	if m := separatorRe.FindString(rest); m != "" {
		return st, rest[len(m):], true
	}
	return st, rest, true
}

var wordRe = regexp.MustCompile(`[A-Za-z]+|\d+`)

// monthDay reads "March 22, 2019" or "22 March 2019"; a missing year is 0,
// filled from the document's other dates.
func monthDay(s string, monthFirst bool) *civil {
	parts := wordRe.FindAllString(strings.ToLower(s), -1)
	c := &civil{}
	for _, p := range parts {
		if n, ok := months[p[:min(len(p), 4)]]; ok && c.m == 0 {
			c.m = n
		} else if n, ok := months[p[:min(len(p), 3)]]; ok && c.m == 0 {
			c.m = n
		} else if p[0] >= '0' && p[0] <= '9' {
			if v := atoi(p); v > 31 {
				c.y = v
			} else if c.d == 0 {
				c.d = v
			}
		}
	}
	if c.m == 0 || c.d == 0 {
		return nil
	}
	return c
}

var clockTextRe = regexp.MustCompile(`(?i)^(\d{1,2})(?::(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s?([ap])?`)

// readClock reads "16:58", "6:15pm", "06:15 PM", "9 am".
func readClock(s string) (clock, bool) {
	m := clockTextRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return clock{}, false
	}
	c := clock{h: atoi(m[1]), m: atoi(m[2]), s: atoi(m[3])}
	if m[4] != "" {
		c.ns = atoi((m[4][1:] + "000000000")[:9])
	}
	switch strings.ToLower(m[5]) {
	case "p":
		if c.h < 12 {
			c.h += 12
		}
	case "a":
		if c.h == 12 {
			c.h = 0
		}
	}
	if m[5] != "" && atoi(m[1]) > 12 {
		return clock{}, false
	}
	return c, c.h < 24 && c.m < 60 && c.s < 60
}

// at places a clock on a day in loc (the clock's own zone wins).
func (c clock) at(day civil, loc *time.Location) time.Time {
	if c.zone != nil {
		loc = c.zone
	}
	return time.Date(day.y, time.Month(day.m), day.d, c.h, c.m, c.s, c.ns, loc).UTC()
}
