package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"hindsight"
	"hindsight/internal/markdown"
)

// Fit makes an imported post-mortem one the policy accepts without losing
// anything: it becomes a draft, a severity written another way is mapped
// where the mapping is clear ("Critical", "Sev 1"), and values that still
// do not fit are kept as written in a section and reported.
func Fit(p *hindsight.PostMortem, rep *markdown.Report, pol hindsight.Policy) {
	var kept []string
	keep := func(field, value, why string) {
		kept = append(kept, "- "+field+": "+value)
		rep.NotRecognised = append(rep.NotRecognised, fmt.Sprintf("%s %q %s; kept as written", field, value, why))
	}
	if p.Status != "" && p.Status != hindsight.StatusDraft {
		rep.Assumed = append(rep.Assumed, "imported as a draft (the document says "+string(p.Status)+")")
	}
	p.Status = hindsight.StatusDraft
	if p.Severity != "" && !pol.ValidSeverity(p.Severity) {
		if s := mapSeverity(p.Severity, pol.Severities); s != "" {
			rep.Assumed = append(rep.Assumed, fmt.Sprintf("severity %q read as %s", p.Severity, s))
			p.Severity = s
		} else {
			keep("severity", p.Severity, "is not one of "+strings.Join(pol.Severities, ", "))
			p.Severity = ""
		}
	}
	if len(p.Title) > hindsight.MaxTitleLen {
		keep("title", p.Title, "is too long for a title")
		p.Title = strings.TrimSpace(p.Title[:hindsight.MaxTitleLen-3]) + "…"
	}
	for i := range p.Stakeholders {
		s := &p.Stakeholders[i]
		var roles []hindsight.Role
		for _, r := range s.Roles {
			if slices.Contains(hindsight.Roles, r) {
				roles = append(roles, r)
			} else {
				keep("role of "+s.Name, string(r), "is not a stakeholder role")
			}
		}
		s.Roles = roles
	}
	keepSection(p, kept)
}

// keptHeading names the section that keeps values as written.
const keptHeading = "Imported as written"

// keepSection adds lines to the post-mortem's "Imported as written"
// section, making it when there is none.
func keepSection(p *hindsight.PostMortem, lines []string) {
	if len(lines) == 0 {
		return
	}
	for i := range p.OtherSections {
		if p.OtherSections[i].Heading == keptHeading {
			p.OtherSections[i].Body += "\n" + strings.Join(lines, "\n")
			return
		}
	}
	p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: keptHeading, Body: strings.Join(lines, "\n")})
}

var sevNumberRe = regexp.MustCompile(`(?i)^(?:sev(?:erity)?|s|p)?[\s-]*(\d)$`)

// severityWords map words people use to a rank, most severe first.
var severityWords = map[string]int{"critical": 0, "blocker": 0, "emergency": 0, "major": 1, "high": 1, "severe": 1, "medium": 2, "moderate": 2, "minor": 3, "low": 3}

// mapSeverity reads "Sev 1", "SEV-2", "S3", "P1" or a word ("Critical",
// "High") as one of the policy's severities (most severe first); "" when
// there is no clear mapping.
func mapSeverity(s string, sevs []string) string {
	t := strings.TrimSpace(s)
	for _, v := range sevs {
		if strings.EqualFold(v, t) {
			return v
		}
	}
	if m := sevNumberRe.FindStringSubmatch(t); m != nil {
		n := int(m[1][0] - '0')
		for _, v := range sevs {
			if sevNumberRe.FindStringSubmatch(v) != nil && sevNumberRe.FindStringSubmatch(v)[1] == m[1] {
				return v
			}
		}
		if n == 0 && len(sevs) > 0 {
			return sevs[0]
		}
		return ""
	}
	if rank, ok := severityWords[strings.ToLower(strings.Fields(t + " x")[0])]; ok && rank < len(sevs) {
		return sevs[rank]
	}
	return ""
}
