package web

import (
	"fmt"
	"strings"
	"time"

	"hindsight"
)

// conflict is what the form shows when someone else saved first: who, when,
// and each field where their version and yours differ.
type conflict struct {
	By      string
	At      time.Time
	Version int64
	Diffs   []fieldDiff
}

type fieldDiff struct {
	Field, Theirs, Yours string
}

func newConflict(theirs, yours *hindsight.PostMortem, loc *time.Location) *conflict {
	c := &conflict{By: theirs.UpdatedBy, At: theirs.UpdatedAt, Version: theirs.Version}
	if c.By == "" {
		c.By = "someone"
	}
	for _, f := range diffFields(loc) {
		t, y := f.text(theirs), f.text(yours)
		if strings.TrimSpace(t) != strings.TrimSpace(y) {
			c.Diffs = append(c.Diffs, fieldDiff{f.name, t, y})
		}
	}
	return c
}

type diffField struct {
	name string
	text func(*hindsight.PostMortem) string
}

// diffFields are the fields compared, each as the text a person compares.
func diffFields(loc *time.Location) []diffField {
	t := func(x *time.Time) string { return when(x, loc) }
	lines := func(n int, line func(i int) string) string {
		out := make([]string, n)
		for i := range out {
			out[i] = line(i)
		}
		return strings.Join(out, "\n")
	}
	return []diffField{
		{"Title", func(p *hindsight.PostMortem) string { return p.Title }},
		{"Status", func(p *hindsight.PostMortem) string { return string(p.Status) }},
		{"Severity", func(p *hindsight.PostMortem) string { return p.Severity }},
		{"Team", func(p *hindsight.PostMortem) string { return p.Team }},
		{"Services", func(p *hindsight.PostMortem) string { return strings.Join(p.Services, ", ") }},
		{"Tags", func(p *hindsight.PostMortem) string { return strings.Join(p.Tags, ", ") }},
		{"Meeting", func(p *hindsight.PostMortem) string {
			m := p.Meeting
			return fmt.Sprintf("Date: %s\nContact: %s\nCreated by: %s\nFacilitated by: %s", t(m.Date), m.Contact, m.CreatedBy, m.FacilitatedBy)
		}},
		{"Incident times", func(p *hindsight.PostMortem) string {
			in := p.Incident
			s := fmt.Sprintf("Start: %s\nDetect: %s\nEnd: %s", t(in.StartedAt), t(in.DetectedAt), t(in.EndedAt))
			for _, a := range in.AdditionalTimes {
				s += "\n" + a.Label + ": " + t(&a.At)
			}
			return s
		}},
		{"Description", func(p *hindsight.PostMortem) string { return p.Description }},
		{"What happened", func(p *hindsight.PostMortem) string {
			return lines(len(p.Events), func(i int) string {
				e := p.Events[i]
				return strings.TrimSpace(fmt.Sprintf("%s %s %s → %s (%s)", t(e.At), e.Kind, e.Text, e.Effect, e.ReportedBy))
			})
		}},
		{"Additional info", func(p *hindsight.PostMortem) string { return p.AdditionalInfo }},
		{"Remediation", func(p *hindsight.PostMortem) string { return p.Remediation }},
		{"Bug tickets", func(p *hindsight.PostMortem) string {
			return lines(len(p.BugTickets), func(i int) string { return p.BugTickets[i].Ref + " " + p.BugTickets[i].URL })
		}},
		{"Short summary", func(p *hindsight.PostMortem) string { return p.Summary }},
		{"5 whys", func(p *hindsight.PostMortem) string {
			return lines(len(p.Whys), func(i int) string { return p.Whys[i].Question + " — " + p.Whys[i].Answer })
		}},
		{"Root cause", func(p *hindsight.PostMortem) string { return p.RootCause }},
		{"Countermeasures", func(p *hindsight.PostMortem) string {
			return lines(len(p.Countermeasures), func(i int) string {
				c := p.Countermeasures[i]
				due := ""
				if c.Due != nil {
					due = c.Due.String()
				}
				return fmt.Sprintf("%s [%s %s] owner %s, due %s, %s", c.Title, c.Priority, c.Kind, c.Owner, due, c.Status)
			})
		}},
		{"Stakeholders", func(p *hindsight.PostMortem) string {
			return lines(len(p.Stakeholders), func(i int) string {
				s := p.Stakeholders[i]
				return fmt.Sprintf("%s %s %v", s.Name, s.Email, s.Roles)
			})
		}},
		{"Other sections", func(p *hindsight.PostMortem) string {
			return lines(len(p.OtherSections), func(i int) string { return p.OtherSections[i].Heading + "\n" + p.OtherSections[i].Body })
		}},
	}
}
