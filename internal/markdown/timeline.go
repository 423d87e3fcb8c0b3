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

// eventData is an event's exact value in its fallback form (see
// dataComment).
type eventData struct {
	At         *time.Time          `json:"at,omitempty"`
	Kind       hindsight.EventKind `json:"kind,omitempty"`
	Text       string              `json:"text"`
	Effect     string              `json:"effect,omitempty"`
	ReportedBy string              `json:"reported_by,omitempty"`
}

// renderEvents writes the timeline bullets, giving the date only where the
// reader (and Parse) could not infer it. A bullet that would not read back
// as the event it came from is written with its exact value.
func renderEvents(b *strings.Builder, p *hindsight.PostMortem) {
	cur := newDayCursor(p)
	for _, e := range p.Events {
		stamp := ""
		if e.At != nil {
			clock := formatClock(*e.At)
			if t, ok := cur.infer(clock); ok && t.Equal(*e.At) {
				stamp = clock + dash
			} else {
				stamp = formatTime(*e.At) + dash
			}
		}
		plain := "- " + stamp + eventLine(e)
		before := *cur
		if e.At != nil {
			cur.advance(*e.At)
		}
		if items, _ := collectItems(strings.Split(plain, "\n")); len(items) == 1 && staysInSection(plain) {
			if got, ok := parseEvent(items[0], &before); ok && sameEvent(got, e) {
				b.WriteString(plain + "\n")
				continue
			}
		}
		b.WriteString("- " + stamp + oneLine(e.Text) + "\n  " + dataComment(eventData{e.At, e.Kind, e.Text, e.Effect, e.ReportedBy}) + "\n")
	}
}

// eventLine writes an event after its time: kind, text, effect, reporter.
func eventLine(e hindsight.Event) string {
	s := ""
	if e.Kind != "" {
		s += kindTitles[e.Kind] + ": "
	}
	s += indentContinuation(e.Text)
	if e.Effect != "" {
		s += effectArrow + indentContinuation(e.Effect)
	}
	if e.ReportedBy != "" {
		s += " (" + e.ReportedBy + ")"
	}
	return s
}

func sameEvent(a, b hindsight.Event) bool {
	sameTime := (a.At == nil) == (b.At == nil) && (a.At == nil || a.At.Equal(*b.At))
	return sameTime && a.Kind == b.Kind && a.Text == b.Text && a.Effect == b.Effect && a.ReportedBy == b.ReportedBy
}

// indentContinuation indents the lines after the first so a multi-line
// text stays inside its bullet.
func indentContinuation(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }

var (
	bulletTimeRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:UTC|GMT|Z|[+-]\d{2}:?\d{2}))?|\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:UTC|GMT|Z|[+-]\d{2}:?\d{2}))?)\s*(?:—|–|-|:|\|)?\s*`)
	kindRe       = regexp.MustCompile(`^(Action|Observation|Decision|Investigation|Resolution|Communication): `)
)

// collectItems gathers timeline bullets (or lines that start with a
// time); lines indented under a bullet continue it, blank lines between
// them included. Other text is returned as notes, so it is kept rather
// than taken for an event.
func collectItems(lines []string) (items, notes []string) {
	inItem, blanks := false, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			blanks++
			continue
		case inItem && (strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")):
			items[len(items)-1] += strings.Repeat("\n", blanks+1) + stripIndent(l, 2)
		case isListItem(l):
			items, inItem = append(items, strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))), true
		case t == hintWhatHappened:
			inItem = false
		case bulletTimeRe.FindString(t) != "":
			items, inItem = append(items, t), true
		default:
			notes, inItem = append(notes, l), false
		}
		blanks = 0
	}
	return items, notes
}

// stripIndent removes up to n leading spaces (or one tab).
func stripIndent(l string, n int) string {
	if strings.HasPrefix(l, "\t") {
		return l[1:]
	}
	for i := 0; i < n && strings.HasPrefix(l, " "); i++ {
		l = l[1:]
	}
	return l
}

// parseEvents reads the timeline section's events.
func parseEvents(lines []string, p *hindsight.PostMortem, v *hindsight.ValidationError) ([]hindsight.Event, string) {
	items, notes := collectItems(lines)
	cur := newDayCursor(p)
	events := []hindsight.Event{}
	for _, it := range items {
		if it == "" {
			continue // the template's empty "-"
		}
		var d eventData
		if _, ok := takeData(it, &d); ok {
			if d.At != nil {
				cur.advance(*d.At)
			}
			events = append(events, hindsight.Event{At: d.At, Kind: d.Kind, Text: d.Text, Effect: d.Effect, ReportedBy: d.ReportedBy})
			continue
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
	if rest, who, ok := splitReporter(s); ok {
		e.ReportedBy, s = who, rest
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

// splitReporter takes "(who)" off the end of a bullet. The parentheses
// balance, so a perspective written "Ben Okafor (payments dev)" is read
// whole.
func splitReporter(s string) (rest, who string, ok bool) {
	if !strings.HasSuffix(s, ")") {
		return s, "", false
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '\n':
			return s, "", false
		case ')':
			depth++
		case '(':
			depth--
		}
		if depth == 0 {
			who = strings.TrimSpace(s[i+1 : len(s)-1])
			if who == "" || (i > 0 && s[i-1] != ' ' && s[i-1] != '\t') {
				return s, "", false
			}
			return s[:i], who, true
		}
	}
	return s, "", false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
