package hindsight

import (
	"strings"
	"time"
	"unicode"
)

// Normalize puts a post-mortem into its canonical form before validation
// and storage: surrounding space trimmed, times in UTC, empty lists and
// defaults filled, tags and services de-duplicated, spacing in people's
// names tidied, every countermeasure given a stable ID, and the timeline
// put in chronological order. It never changes meaning, so it is safe to
// apply to anything a user typed.
func (p *PostMortem) Normalize() {
	p.normalizeLineEnds()
	p.Title = strings.TrimSpace(p.Title)
	p.ChangeNote = strings.TrimSpace(p.ChangeNote)
	p.Severity = strings.TrimSpace(p.Severity)
	p.Team = strings.TrimSpace(p.Team)
	if p.Status == "" {
		p.Status = StatusDraft
	}
	p.Services = cleanList(p.Services)
	p.Tags = cleanList(p.Tags)
	p.Access.Users = cleanList(p.Access.Users)
	for i, u := range p.Access.Users {
		p.Access.Users[i] = strings.ToLower(u)
	}
	p.Access.Groups = cleanList(p.Access.Groups)

	m := &p.Meeting
	m.Date = utcPtr(m.Date)
	m.Contact, m.CreatedBy, m.FacilitatedBy = personName(m.Contact), personName(m.CreatedBy), personName(m.FacilitatedBy)

	in := &p.Incident
	in.StartedAt, in.DetectedAt, in.EndedAt = utcPtr(in.StartedAt), utcPtr(in.DetectedAt), utcPtr(in.EndedAt)
	in.AdditionalTimes = nonNil(in.AdditionalTimes)
	for i := range in.AdditionalTimes {
		in.AdditionalTimes[i].Label = strings.TrimSpace(in.AdditionalTimes[i].Label)
		in.AdditionalTimes[i].At = canonicalTime(in.AdditionalTimes[i].At)
	}

	p.Events = nonNil(p.Events)
	for i := range p.Events {
		e := &p.Events[i]
		e.At = utcPtr(e.At)
		e.ReportedBy, e.Text, e.Effect = personName(e.ReportedBy), strings.TrimSpace(e.Text), strings.TrimSpace(e.Effect)
	}
	SortEvents(p.Events)
	p.BugTickets = nonNil(p.BugTickets)
	for i := range p.BugTickets {
		p.BugTickets[i].Ref, p.BugTickets[i].URL = strings.TrimSpace(p.BugTickets[i].Ref), strings.TrimSpace(p.BugTickets[i].URL)
	}
	p.Whys = nonNil(p.Whys)
	for i := range p.Whys {
		p.Whys[i].Question, p.Whys[i].Answer = strings.TrimSpace(p.Whys[i].Question), strings.TrimSpace(p.Whys[i].Answer)
	}
	p.Countermeasures = nonNil(p.Countermeasures)
	for i := range p.Countermeasures {
		c := &p.Countermeasures[i]
		if c.ID == "" {
			c.ID = NewID()
		}
		c.Title, c.Owner, c.Ticket = strings.TrimSpace(c.Title), personName(c.Owner), strings.TrimSpace(c.Ticket)
		if c.Status == "" {
			c.Status = CMOpen
		}
		c.DoneAt, c.VerifiedAt = utcPtr(c.DoneAt), utcPtr(c.VerifiedAt)
		for j := range c.Verifications {
			c.Verifications[j].At = canonicalTime(c.Verifications[j].At)
			c.Verifications[j].By = personName(c.Verifications[j].By)
		}
		for j := range c.StatusChanges {
			c.StatusChanges[j].At = canonicalTime(c.StatusChanges[j].At)
		}
		// The latest check in the history is the verified time.
		if n := len(c.Verifications); n > 0 {
			latest := c.Verifications[n-1].At
			c.VerifiedAt = &latest
		}
	}
	p.Stakeholders = nonNil(p.Stakeholders)
	for i := range p.Stakeholders {
		s := &p.Stakeholders[i]
		s.Name, s.Email = personName(s.Name), strings.TrimSpace(s.Email)
		s.Roles = nonNil(s.Roles)
	}
	p.OtherSections = nonNil(p.OtherSections)
	for i := range p.OtherSections {
		p.OtherSections[i].Heading = strings.TrimSpace(p.OtherSections[i].Heading)
		p.OtherSections[i].Body = trimBlock(p.OtherSections[i].Body)
	}
	for _, f := range []*string{&p.Description, &p.AdditionalInfo, &p.Remediation, &p.Summary, &p.RootCause} {
		*f = trimBlock(*f)
	}
}

// normalizeLineEnds turns every CRLF and lone CR into LF in every text
// field: browsers send text areas with CRLF, and a stored mix of both would
// come out mixed in every export.
func (p *PostMortem) normalizeLineEnds() {
	fields := []*string{&p.Title, &p.Severity, &p.Team, &p.Description, &p.AdditionalInfo, &p.Remediation, &p.Summary, &p.RootCause,
		&p.Meeting.Contact, &p.Meeting.CreatedBy, &p.Meeting.FacilitatedBy}
	for i := range p.Services {
		fields = append(fields, &p.Services[i])
	}
	for i := range p.Tags {
		fields = append(fields, &p.Tags[i])
	}
	for i := range p.Incident.AdditionalTimes {
		fields = append(fields, &p.Incident.AdditionalTimes[i].Label)
	}
	for i := range p.Events {
		e := &p.Events[i]
		fields = append(fields, &e.ReportedBy, &e.Text, &e.Effect)
	}
	for i := range p.BugTickets {
		fields = append(fields, &p.BugTickets[i].Ref, &p.BugTickets[i].URL)
	}
	for i := range p.Whys {
		fields = append(fields, &p.Whys[i].Question, &p.Whys[i].Answer)
	}
	for i := range p.Countermeasures {
		c := &p.Countermeasures[i]
		fields = append(fields, &c.Title, &c.Owner, &c.Ticket)
		for j := range c.Verifications {
			fields = append(fields, &c.Verifications[j].By, &c.Verifications[j].Note)
		}
	}
	for i := range p.Stakeholders {
		fields = append(fields, &p.Stakeholders[i].Name, &p.Stakeholders[i].Email)
	}
	for i := range p.OtherSections {
		fields = append(fields, &p.OtherSections[i].Heading, &p.OtherSections[i].Body)
	}
	for _, f := range fields {
		*f = toLF(*f)
	}
}

// toLF turns CRLF and lone CR line ends into LF.
func toLF(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// trimBlock drops blank lines before and whitespace after a Markdown
// block, keeping the first line's indentation, which Markdown reads.
func trimBlock(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for {
		line, rest, ok := strings.Cut(s, "\n")
		if !ok || strings.TrimSpace(line) != "" {
			return s
		}
		s = rest
	}
}

// cleanList trims items, drops empty ones and keeps the first of any that
// differ only in case, preserving order.
func cleanList(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := canonicalTime(*t)
	return &u
}

// canonicalTime is t in UTC to the microsecond, the finest precision both
// storage engines keep, so a stored time reads back equal.
func canonicalTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
