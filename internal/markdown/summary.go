package markdown

import (
	"slices"
	"strings"
	"time"

	"hindsight"
)

// summarise writes what the import recognised and which sections it kept
// as written.
func summarise(p *hindsight.PostMortem, d *doc) {
	var r []string
	if p.Severity != "" {
		r = append(r, "severity "+p.Severity)
	}
	for name, t := range map[string]*time.Time{"start": p.Incident.StartedAt, "detection": p.Incident.DetectedAt, "end": p.Incident.EndedAt} {
		if t != nil {
			r = append(r, "incident "+name+" time")
		}
	}
	if n := len(p.Events); n > 0 {
		timed := 0
		for _, e := range p.Events {
			if e.At != nil {
				timed++
			}
		}
		r = append(r, itoa(n)+" timeline events ("+itoa(timed)+" with a time)")
	}
	if n := len(p.Countermeasures); n > 0 {
		owned := 0
		for _, c := range p.Countermeasures {
			if c.Owner != "" {
				owned++
			}
		}
		r = append(r, itoa(n)+" action items ("+itoa(owned)+" with an owner)")
	}
	if n := len(p.Whys); n > 0 {
		r = append(r, itoa(n)+" whys")
	}
	for name, s := range map[string]string{"description": p.Description, "summary": p.Summary, "root cause": p.RootCause, "remediation": p.Remediation} {
		if s != "" {
			r = append(r, name)
		}
	}
	slices.Sort(r)
	d.report.Recognised = append(d.report.Recognised, r...)
	for _, s := range p.OtherSections {
		if s.Heading != keptHeading && !strings.HasSuffix(s.Heading, "notes") && s.Heading != "Notes" && s.Heading != "Front matter" {
			d.report.NotRecognised = append(d.report.NotRecognised, "section \""+s.Heading+"\" kept as written")
		}
	}
}

var (
	detectWords  = []string{"alert", "page", "paged", "pagerduty", "report", "noticed", "detected", "detect", "flagged", "escalat", "declared", "opsgenie", "on-call", "oncall", "customer"}
	resolveWords = []string{"resolved", "recovered", "recovery", "mitigated", "fixed", "restored", "back to normal", "all clear", "closed", "healthy", "stable", "resolution"}
)

// propose suggests incident times the document did not state, from its
// timeline: the first event for the start, the first alert or report for
// detection, the last resolution for the end.
func propose(p *hindsight.PostMortem) ProposedTimes {
	var out ProposedTimes
	var timed []hindsight.Event
	for _, e := range p.Events {
		if e.At != nil {
			timed = append(timed, e)
		}
	}
	if len(timed) == 0 {
		return out
	}
	first := timed[0]
	for _, e := range timed {
		if e.At.Before(*first.At) {
			first = e
		}
	}
	if p.Incident.StartedAt == nil {
		out.StartedAt = &Proposal{At: *first.At, Event: firstLine(first.Text)}
	}
	if p.Incident.DetectedAt == nil {
		for _, e := range timed {
			if e.Kind == hindsight.EventObservation || mentions(e.Text, detectWords) {
				out.DetectedAt = &Proposal{At: *e.At, Event: firstLine(e.Text)}
				break
			}
		}
	}
	if p.Incident.EndedAt == nil {
		for i := len(timed) - 1; i >= 0; i-- {
			if e := timed[i]; e.Kind == hindsight.EventResolution || mentions(e.Text, resolveWords) {
				out.EndedAt = &Proposal{At: *e.At, Event: firstLine(e.Text)}
				break
			}
		}
	}
	return out
}

func mentions(s string, words []string) bool {
	s = strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Accept sets the proposed incident times on p, as the import preview's
// "accept" does.
func (pt ProposedTimes) Accept(p *hindsight.PostMortem) {
	for _, x := range []struct {
		prop *Proposal
		dst  **time.Time
	}{{pt.StartedAt, &p.Incident.StartedAt}, {pt.DetectedAt, &p.Incident.DetectedAt}, {pt.EndedAt, &p.Incident.EndedAt}} {
		if x.prop != nil && *x.dst == nil {
			t := x.prop.At
			*x.dst = &t
		}
	}
}
