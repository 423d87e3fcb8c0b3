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
// in the template but the event bullets in most other shapes, so its
// content decides.
func kindOf(s section) sectionKind {
	h := normHeading(s.heading)
	if h == "timeline" {
		for _, t := range parseTables(s.lines) {
			if t.column("incident") == 0 {
				return secIncidentTimes
			}
		}
		return secEvents
	}
	return headingKinds[h]
}

// parseSection reads one section into p; unrecognised sections are kept
// verbatim.
func parseSection(s section, p *hindsight.PostMortem, v *hindsight.ValidationError, notes *string) {
	b := body(s.lines)
	switch kindOf(s) {
	case secIncidentTimes:
		// read in the first pass
	case secDescription:
		p.Description = joinField(p.Description, readBlock(parseSeverity(s.lines, p)))
	case secEvents:
		events, notes := parseEvents(s.lines, p, v)
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
		p.Countermeasures = append(p.Countermeasures, parseCountermeasures(s.lines, v)...)
	case secStakeholders:
		p.Stakeholders = append(p.Stakeholders, parseStakeholders(s.lines, v)...)
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

// metadataLine reads "Severity: SEV2"-style lines that other shapes put
// under the title; it reports whether the line was one.
func metadataLine(l string, p *hindsight.PostMortem, v *hindsight.ValidationError) bool {
	l = strings.TrimPrefix(strings.TrimSpace(l), ">")
	key, val, ok := strings.Cut(strings.TrimSpace(listItemRe.ReplaceAllString(l, "")), ":")
	if !ok {
		return false
	}
	val = strings.TrimSpace(placeholder(strings.Trim(strings.TrimSpace(val), "*")))
	switch normHeading(key) {
	case "severity":
		p.Severity = val
	case "status":
		p.Status = hindsight.Status(strings.ReplaceAll(strings.ToLower(val), " ", "_"))
	case "team", "owning team":
		p.Team = val
	case "services", "affected services":
		p.Services = splitList(val)
	case "tags":
		p.Tags = splitList(val)
	case "authors", "author", "created by":
		p.Meeting.CreatedBy = val
	case "date", "meeting date":
		p.Meeting.Date = timeField(val, "meeting.date", v)
	default:
		return false
	}
	return true
}
