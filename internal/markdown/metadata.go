package markdown

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"hindsight"
)

var brRe = regexp.MustCompile(`(?i)<br\s*/?>`)

// metadataLines reads "Key: value" lines ("**Status:** Resolved",
// "Severity: SEV2", "Status: final<br>Owners: x") and definition lists
// ("Owners\n: Ana") into p, and returns the lines that were not metadata.
func metadataLines(lines []string, p *hindsight.PostMortem, d *doc) []string {
	var rest []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], ": ") && strings.TrimSpace(l) != "" && !strings.Contains(l, ":") {
			if metadataKV(l, strings.TrimPrefix(lines[i+1], ": "), p, d) {
				i++
				continue
			}
		}
		parts := brRe.Split(l, -1)
		all := true
		for _, part := range parts {
			if !metadataLine(part, p, d) {
				all = false
			}
		}
		if !all {
			rest = append(rest, l)
		}
	}
	return rest
}

// metadataLine reads one "Key: value" line; it reports whether it was one.
func metadataLine(l string, p *hindsight.PostMortem, d *doc) bool {
	l = strings.TrimPrefix(strings.TrimSpace(l), ">")
	l = strings.TrimSpace(listItemRe.ReplaceAllString(strings.TrimSpace(l), ""))
	key, val, ok := strings.Cut(l, ":")
	if !ok || len(key) > 40 {
		return false
	}
	return metadataKV(key, val, p, d)
}

// metadataTable reads a two-column key/value table; it reports whether
// every row was understood (only then is the table itself not kept).
func metadataTable(t table, p *hindsight.PostMortem, d *doc) bool {
	all := len(t.rows) > 0
	for _, row := range t.rows {
		if !metadataKV(cell(row, 0), cell(row, 1), p, d) {
			all = false
		}
	}
	return all
}

// metadataKV puts one key and value where it belongs; it reports whether
// the key is one Hindsight knows.
func metadataKV(key, val string, p *hindsight.PostMortem, d *doc) bool {
	val = strings.TrimSpace(placeholder(strings.Trim(strings.TrimSpace(val), "*_ ")))
	switch k := normHeading(strings.ReplaceAll(key, "_", " ")); k {
	case "severity", "sev", "priority level", "incident severity", "impact level":
		p.Severity = val
	case "status", "state", "document status":
		if s := hindsight.Status(strings.ReplaceAll(strings.ToLower(val), " ", "_")); slices.Contains(hindsight.Statuses, s) {
			p.Status = s
		} else if val != "" {
			d.keep("status", val)
		}
	case "team", "owning team", "teams":
		p.Team = val
	case "services", "affected services", "service", "components", "affected components", "systems affected", "affected systems", "products affected":
		p.Services = append(p.Services, splitList(val)...)
	case "tags", "labels", "keywords", "categories":
		p.Tags = append(p.Tags, splitList(val)...)
	case "authors", "author", "created by", "owners", "owner", "written by", "prepared by", "postmortem owner", "post-mortem owner":
		p.Meeting.CreatedBy = val
	case "facilitated by", "facilitator", "incident commander", "ic", "incident lead":
		p.Meeting.FacilitatedBy = val
	case "contact", "contact person":
		p.Meeting.Contact = val
	case "date", "meeting date", "incident date", "review date", "postmortem date":
		if t := timeField(val, "meeting.date", d); t != nil {
			p.Meeting.Date = t
			d.dated(*t)
		}
	case "start", "start time", "started", "started at", "incident start", "began", "start of impact", "impact start":
		p.Incident.StartedAt = timeField(val, "incident.started_at", d)
	case "detected", "detect time", "detected at", "detection", "detection time", "time detected":
		p.Incident.DetectedAt = timeField(val, "incident.detected_at", d)
	case "end", "end time", "ended", "ended at", "resolved", "resolved at", "incident end", "end of impact", "impact end", "time resolved":
		p.Incident.EndedAt = timeField(val, "incident.ended_at", d)
	case "impact", "duration", "impact window", "outage window", "window":
		return impactWindow(val, p, d)
	default:
		return false
	}
	return true
}

var (
	windowRe   = regexp.MustCompile(`^(.+?)\s*(?:[–—]|-{1,2}|\bto\b|\buntil\b)\s*(.+)$`)
	durationRe = regexp.MustCompile(`(?i)^(?:about\s+|~\s*)?(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?)?)?)?$`)
)

// impactWindow reads "12:00–14:30 UTC" or "2019-03-22 12:00 to 14:30" as
// the incident's start and end, and "2h 30m" as its length after a known
// start. Anything else is not metadata and stays in the text.
func impactWindow(val string, p *hindsight.PostMortem, d *doc) bool {
	if m := durationRe.FindStringSubmatch(strings.TrimSpace(val)); m != nil && (m[1] != "" || m[2] != "") {
		if p.Incident.StartedAt != nil && p.Incident.EndedAt == nil {
			end := p.Incident.StartedAt.Add(time.Duration(atoi(m[1]))*time.Hour + time.Duration(atoi(m[2]))*time.Minute)
			p.Incident.EndedAt = &end
			d.recognised("incident end from its duration (%s)", strings.TrimSpace(val))
		}
		return false
	}
	m := windowRe.FindStringSubmatch(val)
	if m == nil {
		return false
	}
	from, _, ok1 := leadingStamp(m[1])
	to, rest, ok2 := leadingStamp(m[2])
	if !ok1 || !ok2 || from.clock == nil || to.clock == nil || strings.TrimSpace(rest) != "" {
		return false
	}
	if from.clock.zone == nil {
		from.clock.zone = to.clock.zone
	}
	cur := &dayCursor{loc: d.loc(), year: d.year, day: d.fallbackDay}
	if p.Incident.StartedAt != nil {
		cur.setDay(civilOf(p.Incident.StartedAt.In(d.loc())))
	}
	start, ok1 := cur.place(from)
	if !ok1 {
		return false
	}
	cur.advance(start)
	end, ok2 := cur.place(to)
	if !ok2 {
		return false
	}
	p.Incident.StartedAt, p.Incident.EndedAt = &start, &end
	return true
}

// dated records the document's own date, for timelines without one.
func (d *doc) dated(t time.Time) {
	day := civilOf(t.In(d.loc()))
	if d.fallbackDay == nil {
		d.fallbackDay = &day
	}
	if d.year == 0 {
		d.year = day.y
	}
}
