package markdown

import (
	"regexp"
	"strings"

	"hindsight"
)

// sectionKind is what a section's heading says it holds.
type sectionKind int

const (
	secOther sectionKind = iota
	secIncidentTimes
	secDescription
	secEvents
	secAdditionalInfo
	secRemediation
	secBugTickets
	secSummary
	secTags
	secDetails
	secWhys
	secRootCause
	secCountermeasures
	secStakeholders
)

// headingKinds maps normalised headings, the template's and those of other
// common post-mortem shapes, to what they hold.
var headingKinds = map[string]sectionKind{
	"description": secDescription, "incident description": secDescription, "overview": secDescription,
	"what happened": secEvents, "incident timeline": secEvents, "timeline of events": secEvents, "chronology": secEvents,
	"additional info": secAdditionalInfo, "additional information": secAdditionalInfo, "supporting information": secAdditionalInfo,
	"remediation": secRemediation, "resolution": secRemediation, "mitigation": secRemediation, "remediation steps": secRemediation,
	"bug tickets": secBugTickets, "tickets": secBugTickets, "related tickets": secBugTickets,
	"short summary": secSummary, "summary": secSummary, "incident summary": secSummary, "executive summary": secSummary, "tl;dr": secSummary, "tldr": secSummary,
	"tags": secTags, "labels": secTags,
	"details": secDetails,
	"5 whys":  secWhys, "five whys": secWhys, "whys": secWhys, "5-whys": secWhys,
	"root cause": secRootCause, "root causes": secRootCause, "root cause analysis": secRootCause, "cause": secRootCause,
	"countermeasures": secCountermeasures, "action items": secCountermeasures, "follow-ups": secCountermeasures, "follow ups": secCountermeasures,
	"followups": secCountermeasures, "follow-up actions": secCountermeasures, "corrective actions": secCountermeasures, "next steps": secCountermeasures,
	"stakeholders": secStakeholders,
}

// kindOf classifies a section. "Timeline" holds the incident-times table
// in the template but the events in most other shapes, so its content
// decides. Headings carry extra words ("Timeline (all times in PST)",
// "Action items and follow-ups"), so after an exact match the heading's
// key words decide.
func kindOf(s section) sectionKind {
	h := normHeading(parenRe.ReplaceAllString(s.heading, ""))
	if k, ok := headingKinds[h]; ok && h != "timeline" {
		return k
	}
	// An escaped heading (see escapeLead) and the notes an import keeps
	// beside a section are never taken for a known section.
	if strings.HasPrefix(s.heading, `\`) || strings.HasSuffix(h, " notes") {
		return secOther
	}
	for _, kw := range headingKeywords {
		if strings.Contains(h, kw.word) {
			if kw.kind == secEvents {
				for _, t := range parseTables(s.lines) {
					if t.column("incident") == 0 {
						return secIncidentTimes
					}
				}
			}
			return kw.kind
		}
	}
	return secOther
}

var parenRe = regexp.MustCompile(`\([^)]*\)`)

// headingKeywords decide a heading that is not an exact match, in order.
var headingKeywords = []struct {
	word string
	kind sectionKind
}{
	{"timeline", secEvents}, {"chronology", secEvents}, {"sequence of events", secEvents}, {"what happened", secEvents}, {"time line", secEvents},
	{"action item", secCountermeasures}, {"follow-up", secCountermeasures}, {"follow up", secCountermeasures}, {"followup", secCountermeasures},
	{"corrective", secCountermeasures}, {"preventive", secCountermeasures}, {"preventative", secCountermeasures}, {"countermeasure", secCountermeasures},
	{"remediation item", secCountermeasures}, {"next step", secCountermeasures}, {"to do", secCountermeasures}, {"todo", secCountermeasures},
	{"long term solution", secCountermeasures}, {"long-term solution", secCountermeasures}, {"preventative measure", secCountermeasures}, {"prevention", secCountermeasures},
	{"5 whys", secWhys}, {"five whys", secWhys}, {"5-whys", secWhys},
	{"root cause", secRootCause},
}

// parseSection reads one section into p; unrecognised sections are kept
// verbatim.
func parseSection(s section, p *hindsight.PostMortem, d *doc, notes *string) {
	b := body(s.lines)
	switch kindOf(s) {
	case secIncidentTimes:
		// read in the first pass
	case secDescription:
		p.Description = joinField(p.Description, readBlock(parseSeverity(s.lines, p)))
	case secEvents:
		events, notes := parseEvents(s.heading, s.lines, p, d)
		p.Events = append(p.Events, events...)
		if notes != "" {
			p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: s.heading + " notes", Body: notes})
		}
	case secAdditionalInfo:
		p.AdditionalInfo = joinField(p.AdditionalInfo, readBlock(stripHint(b, hintAdditional)))
	case secRemediation:
		p.Remediation = joinField(p.Remediation, readBlock(b))
	case secBugTickets:
		p.BugTickets = append(p.BugTickets, parseTickets(b)...)
	case secSummary:
		p.Summary = joinField(p.Summary, readBlock(b))
	case secTags:
		p.Tags = append(p.Tags, splitList(b)...)
	case secDetails:
		parseDetails(s.lines, p)
	case secWhys:
		p.Whys = append(p.Whys, parseWhys(s.lines)...)
	case secRootCause:
		p.RootCause = joinField(p.RootCause, readBlock(b))
	case secCountermeasures:
		cms, notes := parseCountermeasures(s.lines, d)
		p.Countermeasures = append(p.Countermeasures, cms...)
		if notes != "" {
			p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: s.heading + " notes", Body: notes})
		}
	case secStakeholders:
		p.Stakeholders = append(p.Stakeholders, parseStakeholders(s.lines, d)...)
	default:
		heading := s.heading
		if heading == "" {
			if b == "" {
				return // a bare "#" line holds nothing to keep
			}
			heading = "Untitled section"
		}
		heading, _ = readLead(heading)
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: heading, Body: readBlock(b)})
	}
}

// joinField appends a second section of the same kind to the first.
func joinField(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n\n" + b
}

var severityRe = regexp.MustCompile(`^\s*>?\s*\**Severity\**\s*:\s*\**\s*(.*?)\s*$`)

// parseSeverity takes the "> Severity: X" line out of the description.
func parseSeverity(lines []string, p *hindsight.PostMortem) string {
	var rest []string
	found := false
	for _, l := range lines {
		if m := severityRe.FindStringSubmatch(l); m != nil && !found {
			p.Severity, found = strings.TrimSpace(placeholder(strings.Trim(m[1], "*"))), true
			continue
		}
		rest = append(rest, l)
	}
	return body(rest)
}

// stripHint drops the template's hint line from a section body, keeping
// the indentation of the text after it.
func stripHint(b, hint string) string {
	rest, ok := strings.CutPrefix(b, hint)
	if !ok {
		return b
	}
	return body(strings.Split(rest, "\n"))
}

// parseDetails reads the Details table Render writes after the template.
func parseDetails(lines []string, p *hindsight.PostMortem) {
	for _, t := range parseTables(lines) {
		for _, row := range t.rows {
			val := cell(row, 1)
			switch normHeading(cell(row, 0)) {
			case "status":
				p.Status = hindsight.Status(val)
			case "team":
				p.Team = val
			case "services":
				p.Services = splitList(val)
			case "severity":
				p.Severity = val
			}
		}
	}
}
