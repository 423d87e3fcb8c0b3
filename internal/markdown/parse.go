package markdown

import (
	"strings"
	"unicode/utf8"

	"hindsight"
)

// MaxSize is the largest document Parse reads.
const MaxSize = 4 << 20

// Parse reads a post-mortem from Markdown: the guide's template (as Render
// writes it or as people fill it in) or another common shape. It returns a
// *hindsight.ValidationError naming the field when the document lacks a
// title or holds a value it cannot read; the result is not yet normalized
// or validated against a policy.
func Parse(src []byte) (*hindsight.PostMortem, error) {
	v := &hindsight.ValidationError{}
	if len(src) > MaxSize {
		v.Add("markdown", "is %d bytes, more than the %d a post-mortem may have", len(src), MaxSize)
		return nil, v
	}
	if !utf8.Valid(src) {
		v.Add("markdown", "is not valid UTF-8 text")
		return nil, v
	}
	preamble, secs := splitSections(strings.TrimPrefix(string(src), "\ufeff"))
	p := &hindsight.PostMortem{}
	rest := secs
	if len(secs) > 0 && secs[0].level == 1 {
		if t, marked := readLead(secs[0].heading); marked {
			p.Title = t
		} else {
			p.Title = placeholder(t)
		}
		// The template's meeting table sits under the title.
		parseTitleBody(secs[0].lines, p, v)
		rest = secs[1:]
	}
	if p.Title == "" {
		v.Add("title", "is missing: the document needs a title as its first heading (\"# Checkout payments timed out\")")
	}
	notes := placeholder(body(preamble))
	// Sections are read in two passes: incident times first, so timeline
	// bullets can take the incident's day.
	for i := range rest {
		if kindOf(rest[i]) == secIncidentTimes {
			parseIncidentTable(rest[i].lines, p, v)
		}
	}
	for _, s := range rest {
		parseSection(s, p, v, &notes)
	}
	if notes != "" {
		if p.Description == "" {
			p.Description = notes
		} else {
			p.OtherSections = append([]hindsight.Section{{Heading: "Notes", Body: notes}}, p.OtherSections...)
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	return p, nil
}

// placeholder turns the template's "<Name>"-style placeholders and lone
// list markers into empty values.
// Other text is returned as it is, indentation included.
func placeholder(s string) string {
	t := strings.TrimSpace(s)
	if t == "-" || t == "*" || (strings.HasPrefix(t, "<") && strings.HasSuffix(t, ">") && !strings.Contains(t, "://") && !strings.Contains(t, "@") && !strings.Contains(t, "\n")) {
		return ""
	}
	return s
}

// parseTitleBody reads what sits between the title and the first section:
// the meeting table and, in other shapes, "Key: value" lines.
func parseTitleBody(lines []string, p *hindsight.PostMortem, v *hindsight.ValidationError) {
	var rest []string
	inMeeting := map[int]bool{}
	for _, t := range parseTables(lines) {
		if t.column("meeting") == 0 {
			for _, row := range t.rows {
				meetingRow(cell(row, 0), cell(row, 1), p, v)
			}
			for i := t.start; i < t.end; i++ {
				inMeeting[i] = true
			}
		}
	}
	for i, l := range lines {
		if !inMeeting[i] && !metadataLine(l, p, v) {
			rest = append(rest, l)
		}
	}
	if b := placeholder(body(rest)); b != "" {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Notes", Body: b})
	}
}

func meetingRow(key, value string, p *hindsight.PostMortem, v *hindsight.ValidationError) {
	switch normHeading(key) {
	case "date", "meeting date":
		p.Meeting.Date = timeField(value, "meeting.date", v)
	case "contact", "contact person":
		p.Meeting.Contact = value
	case "created by", "author", "authors":
		p.Meeting.CreatedBy = value
	case "facilitated by", "facilitator":
		p.Meeting.FacilitatedBy = value
	}
}
