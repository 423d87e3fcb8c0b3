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
	title := escapeLead(p.Title, placeholder(p.Title) == p.Title && headingText(heading(1, p.Title)) == p.Title)
	b.WriteString(heading(1, title) + "\n\n")
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
	writeBlock(&b, p.Description, "")
	b.WriteString("\n" + headWhatHappened + "\n" + hintWhatHappened + "\n\n")
	renderEvents(&b, p)
	b.WriteString("\n" + headAdditional + "\n" + hintAdditional + "\n\n")
	writeBlock(&b, p.AdditionalInfo, hintAdditional)
	b.WriteString("\n" + headRemediation + "\n")
	writeBlock(&b, p.Remediation, "")
	b.WriteString("\n" + headBugTickets + "\n\n")
	b.WriteString(renderTickets(p.BugTickets) + "\n")
	b.WriteString("\n" + headSummary + "\n\n")
	writeBlock(&b, p.Summary, "")
	b.WriteString("\n" + headTags + "\n\n")
	b.WriteString(joinList(p.Tags) + "\n")
	renderExtra(&b, p)
	return []byte(b.String())
}

func timeOrEmpty(t *time.Time) string {
	if t == nil {
		return ""
	}
	return formatTime(*t)
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
