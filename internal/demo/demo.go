// Package demo makes realistic, varied post-mortems for trying Hindsight
// out and for benchmarks: deterministic per seed, valid under the default
// policy, written in the blameless voice the guide asks for.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"hindsight"
)

// Generate returns n post-mortems, the i-th depending only on (seed, i),
// with incidents spread over the three years before now.
func Generate(seed int64, n int, now time.Time) []*hindsight.PostMortem {
	return GenerateRange(seed, 0, n, now)
}

// GenerateRange returns post-mortems [from, from+n) of the sequence
// Generate makes, so large sets can be made and stored batch by batch.
func GenerateRange(seed int64, from, n int, now time.Time) []*hindsight.PostMortem {
	out := make([]*hindsight.PostMortem, n)
	for i := range n {
		out[i] = one(seed, from+i, now.UTC())
	}
	return out
}

type gen struct{ r *rand.Rand }

func (g gen) pick(s []string) string { return s[g.r.IntN(len(s))] }
func (g gen) chance(p float64) bool  { return g.r.Float64() < p }
func (g gen) minutes(lo, hi int) time.Duration {
	return time.Duration(lo+g.r.IntN(hi-lo+1)) * time.Minute
}

func one(seed int64, i int, now time.Time) *hindsight.PostMortem {
	g := gen{rand.New(rand.NewPCG(uint64(seed), uint64(i)))}
	svc := g.pick(services)
	cause := causes[g.r.IntN(len(causes))]
	severity := []string{"SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3", "SEV4", "SEV4", "SEV4", "SEV4"}[g.r.IntN(10)]
	team := g.pick(teams)
	start := now.Add(-time.Duration(g.r.Int64N(int64(3 * 365 * 24 * time.Hour)))).Truncate(time.Minute)
	if start.After(now.Add(-24 * time.Hour)) {
		start = now.Add(-24 * time.Hour).Truncate(time.Minute)
	}
	detect := start.Add(g.minutes(1, 90))
	end := detect.Add(g.minutes(10, 360))
	responder, author, facilitator := g.pick(people), g.pick(people), g.pick(people)
	change := fmt.Sprintf(cause.change, svc)
	symptom := fmt.Sprintf(cause.symptom, svc)

	p := &hindsight.PostMortem{
		Title:    capitalize(symptom) + " after " + cause.short,
		Severity: severity,
		Status:   []hindsight.Status{hindsight.StatusDraft, hindsight.StatusInReview, hindsight.StatusPublished, hindsight.StatusPublished}[g.r.IntN(4)],
		Services: uniq(svc, g.pick(services)),
		Team:     team,
		Incident: hindsight.Incident{StartedAt: &start, DetectedAt: &detect, EndedAt: &end},
		Description: fmt.Sprintf("- %s for %d minutes.\n- %s; %s.", capitalize(symptom), int(end.Sub(start).Minutes()),
			capitalize(change), cause.mechanism),
		Summary:     fmt.Sprintf("%s; %s until the team %s.", capitalize(change), cause.mechanism, cause.fix),
		Remediation: fmt.Sprintf("- The team %s\n- Follow-up countermeasures are tracked below", cause.fix),
		RootCause:   fmt.Sprintf("Nothing in the delivery pipeline showed the effect of the change: %s.", change),
		Tags:        uniq(cause.tag, strings.ToLower(team), svc),
		BugTickets:  []hindsight.BugTicket{{Ref: fmt.Sprintf("%s-%d", strings.ToUpper(team[:3]), 1000+g.r.IntN(9000))}},
		Meeting:     hindsight.Meeting{Contact: responder, CreatedBy: author, FacilitatedBy: facilitator},
	}
	// Some incidents lack a recorded time, as real ones do.
	switch {
	case g.chance(0.08):
		p.Incident.DetectedAt = nil
	case g.chance(0.05):
		p.Incident.EndedAt = nil
	}
	if !g.chance(0.1) {
		m := end.Add(time.Duration(1+g.r.IntN(14*24)) * time.Hour).Truncate(time.Hour)
		if m.Before(now) {
			p.Meeting.Date = &m
		}
	}
	if g.chance(0.6) {
		at := start.Add(g.minutes(0, int(detect.Sub(start).Minutes())))
		p.Incident.AdditionalTimes = append(p.Incident.AdditionalTimes, hindsight.LabelledTime{Label: hindsight.LabelFirstUserReport, At: at})
	}
	if g.chance(0.5) {
		p.Incident.AdditionalTimes = append(p.Incident.AdditionalTimes, hindsight.LabelledTime{Label: hindsight.LabelHotfix, At: end.Add(-g.minutes(1, 10))})
	}
	p.Events = events(g, svc, change, cause.fix, start, detect, end, responder, author)
	for j, q := range whyQuestions[:3+g.r.IntN(3)] {
		if strings.Contains(q, "%s") {
			q = fmt.Sprintf(q, symptom)
		}
		p.Whys = append(p.Whys, hindsight.Why{Question: q, Answer: whyAnswer(j, change, cause.mechanism)})
	}
	p.Countermeasures = countermeasures(g, svc, end, now)
	p.Stakeholders = []hindsight.Stakeholder{
		{Name: responder, Email: email(responder), Roles: []hindsight.Role{hindsight.RoleResponded, hindsight.RoleDiagnosed}},
		{Name: author, Email: email(author), Roles: []hindsight.Role{hindsight.RoleDecided}},
		{Name: team + " support", Roles: []hindsight.Role{hindsight.RoleAffected, hindsight.RoleIdentified}},
	}
	return p
}

// longTimelines is the share of demo post-mortems with a timeline of
// about 120 events, so lists and searches are measured on realistic sizes.
const longTimelines = 0.05

func events(g gen, svc, change, fix string, start, detect, end time.Time, responder, author string) []hindsight.Event {
	ev := func(at time.Time, who string, kind hindsight.EventKind, text, effect string) hindsight.Event {
		return hindsight.Event{At: &at, ReportedBy: who, Kind: kind, Text: text, Effect: effect}
	}
	out := []hindsight.Event{
		ev(start.Add(-g.minutes(1, 5)), author, hindsight.EventAction, capitalize(change), ""),
		ev(detect, responder, hindsight.EventObservation, fmt.Sprintf(strings.TrimSpace(detections[g.r.IntN(len(detections))]), svc), "On-call engineer starts investigating"),
	}
	span := end.Sub(detect)
	steps := 1 + g.r.IntN(8)
	if g.chance(longTimelines) {
		steps = 120 // a long incident worked step by step, as real ones are
	}
	for k := range steps {
		at := detect.Add(span * time.Duration(k+1) / time.Duration(steps+2))
		who := g.pick(people)
		switch g.r.IntN(3) {
		case 0:
			out = append(out, ev(at, who, hindsight.EventInvestigation, strings.TrimPrefix(strings.ReplaceAll(investigations[g.r.IntN(len(investigations))], "%s", svc), "Investigation: "), ""))
		case 1:
			out = append(out, ev(at, who, hindsight.EventCommunication, strings.ReplaceAll(communications[g.r.IntN(len(communications))], "%s", svc), ""))
		default:
			out = append(out, ev(at, who, hindsight.EventDecision, strings.TrimPrefix(strings.ReplaceAll(decisions[g.r.IntN(len(decisions))], "%s", svc), "Decision: "), ""))
		}
	}
	out = append(out, ev(end.Add(-g.minutes(1, 5)), responder, hindsight.EventResolution, "The team "+fix, "Error rates return to normal"))
	return out
}

func countermeasures(g gen, svc string, end, now time.Time) []hindsight.Countermeasure {
	var out []hindsight.Countermeasure
	for range 1 + g.r.IntN(5) {
		t := countermeasureTitles[g.r.IntN(len(countermeasureTitles))]
		due := hindsight.DateOf(end.Add(time.Duration(7+g.r.IntN(60)) * 24 * time.Hour))
		c := hindsight.Countermeasure{
			Title:    fmt.Sprintf(t.title, svc),
			Kind:     hindsight.CountermeasureKind(t.kind),
			Priority: hindsight.Priorities[g.r.IntN(4)],
			Owner:    g.pick(people),
			Due:      &due,
			Status:   hindsight.CMOpen,
			Ticket:   fmt.Sprintf("OPS-%d", 100+g.r.IntN(9900)),
		}
		if g.chance(0.1) {
			c.Owner = "" // unowned ones exist, and the tracker shows them
		}
		dueAt := due.Time()
		switch {
		case dueAt.Before(now) && g.chance(0.7):
			c.Status = hindsight.CMDone
			done := dueAt.Add(-time.Duration(g.r.IntN(10*24)) * time.Hour)
			if done.Before(end) {
				done = end.Add(time.Hour)
			}
			c.DoneAt = &done
			if g.chance(0.5) {
				at := done.Add(time.Duration(1+g.r.IntN(120)) * 24 * time.Hour)
				if at.Before(now) {
					c.Verifications = []hindsight.Verification{{At: at, By: g.pick(people), Note: "Checked in a game day; still effective"}}
				}
			}
		case g.chance(0.05):
			c.Status = hindsight.CMWontDo
		case g.chance(0.3):
			c.Status = hindsight.CMInProgress
		}
		out = append(out, c)
	}
	return out
}

func whyAnswer(step int, change, mechanism string) string {
	switch step {
	case 0:
		return capitalize(mechanism) + "."
	case 1:
		return capitalize(change) + "."
	case 2:
		return "It looked like a routine change and the usual checks passed."
	case 3:
		return "No test exercised the changed limit under production load."
	}
	return "Load tests were not part of the pipeline for configuration changes."
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func uniq(items ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func email(name string) string {
	return strings.ToLower(strings.ReplaceAll(strings.Fields(name)[0], "á", "a")) + "@example.com"
}
