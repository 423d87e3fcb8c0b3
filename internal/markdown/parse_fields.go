package markdown

import (
	"regexp"
	"strings"
	"time"

	"hindsight"
)

// timeField reads an optional time, naming field in the error.
func timeField(s, field string, d *doc) *time.Time {
	if s = placeholder(s); s == "" {
		return nil
	}
	t, zone, err := parseTimeIn(s, d.loc(), d.dayFirst)
	if err != nil {
		d.Add(field, "%v; kept as written", err)
		d.keep(field, s)
		return nil
	}
	if zone == nil {
		d.noZone++
	} else if strings.HasPrefix(field, "incident.") && d.incidentZone == nil && zone != time.UTC {
		d.incidentZone = zone
	}
	return &t
}

// parseIncidentTable reads the template's incident times.
func parseIncidentTable(lines []string, p *hindsight.PostMortem, d *doc) {
	for _, t := range parseTables(lines) {
		if t.column("incident") != 0 {
			continue
		}
		for _, row := range t.rows {
			val := cell(row, 1)
			switch normHeading(cell(row, 0)) {
			case "start time", "start", "started":
				p.Incident.StartedAt = timeField(val, "incident.started_at", d)
			case "end time", "end", "ended":
				p.Incident.EndedAt = timeField(val, "incident.ended_at", d)
			case "detect time", "detect", "detected", "detection time":
				p.Incident.DetectedAt = timeField(val, "incident.detected_at", d)
			case "additional", "additional times":
				p.Incident.AdditionalTimes = append(p.Incident.AdditionalTimes, parseAdditional(val, d)...)
			default:
				// Other shapes add rows such as "First User Impact".
				if label := strings.TrimSpace(cell(row, 0)); label != "" && placeholder(val) != "" {
					if at := timeField(val, "incident.additional_times", d); at != nil {
						p.Incident.AdditionalTimes = append(p.Incident.AdditionalTimes, hindsight.LabelledTime{Label: label, At: *at})
					}
				}
			}
		}
	}
}

// parseAdditional reads "First User Report: 2026-03-10 09:51 UTC; Hotfix: …".
func parseAdditional(s string, d *doc) []hindsight.LabelledTime {
	var out []hindsight.LabelledTime
	for _, part := range strings.Split(placeholder(s), ";") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		label, when, ok := strings.Cut(part, ": ")
		field := "incident.additional_times[" + itoa(len(out)) + "]"
		if !ok {
			d.Add(field, "%q is not \"Label: time\", like \"Hotfix: 2026-03-10 10:47 UTC\"", part)
			continue
		}
		if at := timeField(when, field+".at", d); at != nil {
			out = append(out, hindsight.LabelledTime{Label: strings.TrimSpace(label), At: *at})
		}
	}
	return out
}

var (
	linkRe     = regexp.MustCompile(`^\[([^\]]*)\]\(([^)\s]+)\)$`)
	autolinkRe = regexp.MustCompile(`^<([a-z]+://[^>]+)>$`)
	bareURLRe  = regexp.MustCompile(`^https?://\S+$`)
)

// parseStakeholders reads the Name | Email | Roles table.
func parseStakeholders(lines []string, d *doc) []hindsight.Stakeholder {
	var out []hindsight.Stakeholder
	for _, t := range parseTables(lines) {
		name, email, roles := t.column("name"), t.column("email"), t.column("roles", "role")
		for _, row := range t.rows {
			s := hindsight.Stakeholder{Name: cell(row, name), Email: cell(row, email)}
			for _, r := range splitList(cell(row, roles)) {
				s.Roles = append(s.Roles, hindsight.Role(strings.ToLower(r)))
			}
			out = append(out, s)
		}
	}
	for _, l := range lines {
		if isListItem(l) {
			out = append(out, hindsight.Stakeholder{Name: strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))})
		}
	}
	return out
}
