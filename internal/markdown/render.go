package markdown

import (
	"regexp"
	"strings"
	"time"

	"hindsight"
)

// Render writes p in the guide's template, filled in, followed by the
// sections the template has no place for.
func Render(p *hindsight.PostMortem) []byte {
	var b strings.Builder
	b.WriteString("# " + p.Title + "\n\n")
	writeTable(&b, []string{"Meeting", "Value"}, [][]string{
		{"Date", timeOrEmpty(p.Meeting.Date)},
		{"Contact", p.Meeting.Contact},
		{"Created by", p.Meeting.CreatedBy},
		{"Facilitated by", p.Meeting.FacilitatedBy},
	})
	b.WriteString("\n" + headTimeline + "\n\n")
	extra := make([]string, len(p.Incident.AdditionalTimes))
	for i, at := range p.Incident.AdditionalTimes {
		extra[i] = at.Label + ": " + formatTime(at.At)
	}
	writeTable(&b, []string{"Incident", "Value"}, [][]string{
		{"Start Time", timeOrEmpty(p.Incident.StartedAt)},
		{"End Time", timeOrEmpty(p.Incident.EndedAt)},
		{"Detect Time", timeOrEmpty(p.Incident.DetectedAt)},
		{"Additional", strings.Join(extra, "; ")},
	})
	b.WriteString("\n" + headDescription + "\n\n")
	b.WriteString("> Severity: " + p.Severity + "\n\n")
	block(&b, p.Description)
	b.WriteString("\n" + headWhatHappened + "\n" + hintWhatHappened + "\n\n")
	renderEvents(&b, p)
	b.WriteString("\n" + headAdditional + "\n" + hintAdditional + "\n\n")
	block(&b, p.AdditionalInfo)
	b.WriteString("\n" + headRemediation + "\n")
	block(&b, p.Remediation)
	b.WriteString("\n" + headBugTickets + "\n\n")
	b.WriteString(renderTickets(p.BugTickets) + "\n")
	b.WriteString("\n" + headSummary + "\n\n")
	block(&b, p.Summary)
	b.WriteString("\n" + headTags + "\n\n")
	b.WriteString(strings.Join(p.Tags, ", ") + "\n")
	renderExtra(&b, p)
	return []byte(b.String())
}

// block writes a Markdown field followed by a line break.
func block(b *strings.Builder, s string) {
	if s != "" {
		b.WriteString(s + "\n")
	}
}

func timeOrEmpty(t *time.Time) string {
	if t == nil {
		return ""
	}
	return formatTime(*t)
}

// renderTickets writes tickets comma separated: a reference, a linked
// reference, or a bare link.
func renderTickets(ts []hindsight.BugTicket) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		switch {
		case t.URL == "":
			parts[i] = t.Ref
		case t.Ref == "":
			parts[i] = "<" + t.URL + ">"
		default:
			parts[i] = "[" + t.Ref + "](" + t.URL + ")"
		}
	}
	return strings.Join(parts, ", ")
}

var unsafeName = regexp.MustCompile(`[^a-z0-9]+`)

// Filename makes a safe download file name (without extension) from a
// post-mortem's title.
func Filename(title string) string {
	s := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	if s == "" {
		return "postmortem"
	}
	return s
}
