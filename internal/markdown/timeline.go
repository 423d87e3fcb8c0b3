package markdown

import (
	"regexp"
	"strings"
	"time"

	"hindsight"
)

// A timeline bullet reads
//
//   - 09:40 UTC — Investigation: gateway ruled out → hotfix planned (Priya Raman)
//
// the time (with a date when the day changes in a way a reader could not
// infer), an em dash, an optional kind ("Action: ", …), the text, an
// optional effect after " → ", and who reported it in parentheses.
const (
	dash        = " — "
	effectArrow = " → "
)

// dayCursor infers the day of a bullet that gives only a time of day: the
// incident's day at first, then the day of the previous bullet, rolling
// past midnight when a time is earlier than the one before.
type dayCursor struct {
	day  time.Time // UTC midnight of the current day; zero when unknown
	prev *time.Time
}

// infer places a time of day on the current day.
func (c *dayCursor) infer(clock string) (time.Time, bool) {
	if c.day.IsZero() {
		return time.Time{}, false
	}
	t, ok := onDay(c.day, clock)
	if !ok {
		return time.Time{}, false
	}
	if c.prev != nil && t.Before(*c.prev) {
		t = t.Add(24 * time.Hour)
	}
	return t, true
}

// advance records t as the latest bullet's time.
func (c *dayCursor) advance(t time.Time) {
	c.prev = &t
	y, m, d := t.UTC().Date()
	c.day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func newDayCursor(p *hindsight.PostMortem) *dayCursor {
	c := &dayCursor{}
	for _, t := range []*time.Time{p.Incident.StartedAt, p.Incident.DetectedAt, p.Meeting.Date} {
		if t != nil {
			y, m, d := t.UTC().Date()
			c.day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			break
		}
	}
	return c
}

var kindTitles = map[hindsight.EventKind]string{}

func init() {
	for _, k := range hindsight.EventKinds {
		kindTitles[k] = strings.ToUpper(string(k[:1])) + string(k[1:])
	}
}

// renderEvents writes the timeline bullets, giving the date only where the
// reader (and Parse) could not infer it.
func renderEvents(b *strings.Builder, p *hindsight.PostMortem) {
	cur := newDayCursor(p)
	for _, e := range p.Events {
		b.WriteString("- ")
		if e.At != nil {
			clock := formatClock(*e.At)
			if t, ok := cur.infer(clock); ok && t.Equal(*e.At) {
				b.WriteString(clock)
			} else {
				b.WriteString(formatTime(*e.At))
			}
			cur.advance(*e.At)
			b.WriteString(dash)
		}
		if e.Kind != "" {
			b.WriteString(kindTitles[e.Kind] + ": ")
		}
		b.WriteString(indentContinuation(e.Text))
		if e.Effect != "" {
			b.WriteString(effectArrow + indentContinuation(e.Effect))
		}
		if e.ReportedBy != "" {
			b.WriteString(" (" + e.ReportedBy + ")")
		}
		b.WriteString("\n")
	}
}

// indentContinuation indents the lines after the first so a multi-line
// text stays inside its bullet.
func indentContinuation(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }

var (
	bulletTimeRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:UTC|GMT|Z|[+-]\d{2}:?\d{2}))?|\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:UTC|GMT|Z|[+-]\d{2}:?\d{2}))?)\s*(?:—|–|-|:|\|)?\s*`)
	reporterRe   = regexp.MustCompile(`\s\(([^()\n]+)\)$`)
	kindRe       = regexp.MustCompile(`^(Action|Observation|Decision|Investigation|Resolution|Communication): `)
)

// parseEvents reads timeline bullets (or lines that start with a time);
// lines indented under a bullet continue it. Other text in the section is
// returned as notes, so it is kept rather than taken for an event.
func parseEvents(lines []string, p *hindsight.PostMortem, v *hindsight.ValidationError) ([]hindsight.Event, string) {
	var items, notes []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case isListItem(l):
			items = append(items, strings.TrimSpace(listItemRe.ReplaceAllString(l, "")))
		case t == "" || t == hintWhatHappened:
		case len(items) > 0 && (strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")):
			items[len(items)-1] += "\n" + t
		case bulletTimeRe.MatchString(t) && bulletTimeRe.FindString(t) != "":
			items = append(items, t)
		default:
			notes = append(notes, l)
		}
	}
	cur := newDayCursor(p)
	events := []hindsight.Event{}
	for _, it := range items {
		if it == "" {
			continue // the template's empty "-"
		}
		e, ok := parseEvent(it, cur)
		if !ok {
			v.Add("events["+itoa(len(events))+"].at", "%q has a time of day but no date to place it on: give the incident start time or a full date", firstLine(it))
			continue
		}
		events = append(events, e)
	}
	return events, body(notes)
}

func parseEvent(s string, cur *dayCursor) (hindsight.Event, bool) {
	var e hindsight.Event
	if m := bulletTimeRe.FindStringSubmatch(s); m != nil {
		stamp := strings.TrimSpace(m[1])
		var t time.Time
		var ok bool
		if strings.Contains(stamp, "-") && len(stamp) >= 10 && stamp[4] == '-' {
			tt, err := parseTime(stamp)
			t, ok = tt, err == nil
		} else {
			t, ok = cur.infer(stamp)
		}
		if !ok {
			return e, false
		}
		cur.advance(t)
		e.At = &t
		s = s[len(m[0]):]
	}
	if m := reporterRe.FindStringSubmatch(s); m != nil {
		e.ReportedBy = strings.TrimSpace(m[1])
		s = s[:len(s)-len(m[0])]
	}
	if m := kindRe.FindStringSubmatch(s); m != nil {
		e.Kind = hindsight.EventKind(strings.ToLower(m[1]))
		s = s[len(m[0]):]
	}
	if i := strings.LastIndex(s, effectArrow); i >= 0 {
		e.Effect = strings.TrimSpace(s[i+len(effectArrow):])
		s = s[:i]
	}
	e.Text = strings.TrimSpace(s)
	return e, true
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
