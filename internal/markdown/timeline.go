package markdown

import (
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
	cur := newDayCursor(p, time.UTC)
	for _, e := range p.Events {
		stamps := []string{""}
		if e.At != nil {
			stamps = []string{formatClock(*e.At) + dash, formatTime(*e.At) + dash}
		}
		written := false
		for _, stamp := range stamps {
			plain := "- " + stamp + eventLine(e)
			if !staysInSection(plain) {
				continue
			}
			its := collectItems(strings.Split(plain, "\n"))
			if len(its.items) != 1 {
				continue
			}
			try := *cur
			if got, ok := its.items[0].event(&try); ok && sameEvent(got, e) {
				b.WriteString(plain + "\n")
				*cur, written = try, true
				break
			}
		}
		if !written {
			b.WriteString("- " + stamps[len(stamps)-1] + oneLine(e.Text) + "\n  " + dataComment(eventData{e.At, e.Kind, e.Text, e.Effect, e.ReportedBy}) + "\n")
			if e.At != nil {
				cur.advance(*e.At)
			}
		}
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
