package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// formValues makes a post-mortem the way the web form does: every field a
// person can type filled from the fuzzer's strings, single-line inputs
// without line breaks, text areas sent with CRLF as browsers send them.
func formValues(seed uint64, words []string) *hindsight.PostMortem {
	r := rand.New(rand.NewPCG(seed, seed>>7|1))
	pick := func() string {
		s := words[r.IntN(len(words))]
		if r.IntN(4) == 0 {
			s += words[r.IntN(len(words))]
		}
		return s
	}
	line := func() string { return strings.NewReplacer("\r", "", "\n", "").Replace(pick()) }
	area := func() string {
		s := pick()
		if r.IntN(3) == 0 {
			s += "\n" + pick()
		}
		if r.IntN(2) == 0 {
			s = strings.ReplaceAll(s, "\n", "\r\n")
		}
		return s
	}
	some := func() bool { return r.IntN(2) == 0 }
	base := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(48*60)) * time.Minute)
	at := func() *time.Time {
		t := base.Add(time.Duration(r.IntN(36*60)) * time.Minute)
		if r.IntN(8) == 0 {
			t = t.Add(time.Duration(r.IntN(59)) * time.Second)
		}
		return &t
	}
	p := &hindsight.PostMortem{Title: line(), Severity: []string{"", "SEV1", "SEV3"}[r.IntN(3)],
		Status: hindsight.Statuses[r.IntN(len(hindsight.Statuses))], Team: line(),
		Services: strings.Split(line(), ","), Tags: strings.Split(line(), ","),
		Description: area(), AdditionalInfo: area(), Remediation: area(), Summary: area(), RootCause: area()}
	p.Meeting = hindsight.Meeting{Contact: line(), CreatedBy: line(), FacilitatedBy: line()}
	if some() {
		p.Meeting.Date = at()
	}
	if some() {
		p.Incident.StartedAt = &base
		p.Incident.DetectedAt, p.Incident.EndedAt = at(), at()
		if p.Incident.DetectedAt.Before(base) || p.Incident.EndedAt.Before(base) {
			p.Incident.DetectedAt, p.Incident.EndedAt = nil, nil
		}
		p.Incident.AdditionalTimes = []hindsight.LabelledTime{{Label: strings.NewReplacer(":", "", ";", "", "|", "").Replace(line()), At: *at()}}
	}
	for range r.IntN(4) {
		e := hindsight.Event{Text: area(), Effect: line(), ReportedBy: line()}
		if some() {
			e.At = at()
		}
		if some() {
			e.Kind = hindsight.EventKinds[r.IntN(len(hindsight.EventKinds))]
		}
		p.Events = append(p.Events, e)
	}
	for range r.IntN(3) {
		t := hindsight.BugTicket{Ref: line()}
		if some() {
			t.URL = "https://example.com/" + strings.ReplaceAll(line(), " ", "")
		}
		p.BugTickets = append(p.BugTickets, t)
	}
	for range r.IntN(3) {
		p.Whys = append(p.Whys, hindsight.Why{Question: line(), Answer: line()})
	}
	for range r.IntN(3) {
		c := hindsight.Countermeasure{Title: line(), Owner: line(), Ticket: line(),
			Kind:     hindsight.CountermeasureKinds[r.IntN(len(hindsight.CountermeasureKinds))],
			Priority: hindsight.Priorities[r.IntN(len(hindsight.Priorities))],
			Status:   hindsight.CountermeasureStatuses[r.IntN(len(hindsight.CountermeasureStatuses))]}
		if some() {
			d := hindsight.DateOf(*at())
			c.Due = &d
		}
		p.Countermeasures = append(p.Countermeasures, c)
	}
	for range r.IntN(3) {
		p.Stakeholders = append(p.Stakeholders, hindsight.Stakeholder{Name: line(), Roles: []hindsight.Role{hindsight.Roles[r.IntN(len(hindsight.Roles))]}})
	}
	for range r.IntN(3) {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: line(), Body: area()})
	}
	return p
}

// FuzzFormRoundTrip: any post-mortem a person can type into the form, once
// the domain accepts it, comes back from export and re-import unchanged.
func FuzzFormRoundTrip(f *testing.F) {
	f.Add(uint64(1), "Ben Okafor (payments dev)", "Pool **degraded**\nsecond line", "## Tags")
	f.Add(uint64(2), "Restarted (again)", "→ arrow", "```")
	f.Add(uint64(3), "<Name>", "-", "C#")
	f.Add(uint64(4), "09:40 — looks like a time", "Action: not a kind", "a | b <br> c \\| d")
	f.Add(uint64(5), "Title\n===", "  indented\n\n\n  more", "#tag")
	f.Fuzz(func(t *testing.T, seed uint64, a, b, c string) {
		p := formValues(seed, []string{a, b, c})
		p.Normalize()
		if p.Validate(hindsight.DefaultPolicy()) != nil {
			return
		}
		out := Render(p)
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Render(p)) failed: %v\nrendered:\n%s", err, out)
		}
		back.Normalize()
		if want, got := comparable(t, p), comparable(t, back); want != got {
			t.Fatalf("export and import changed the post-mortem\nrendered:\n%s\n%s", out, firstDifference(want, got))
		}
	})
}

// firstDifference shows where two JSON documents part, with context.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			from := max(0, i-3)
			return "want …\n" + strings.Join(w[from:min(len(w), i+3)], "\n") + "\ngot …\n" + strings.Join(g[from:min(len(g), i+3)], "\n")
		}
	}
	return "lengths differ"
}
