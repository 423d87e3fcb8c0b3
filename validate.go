package hindsight

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Field size limits: generous for writing, small enough that one request
// cannot fill the database.
const (
	MaxTitleLen = 200
	MaxTextLen  = 100_000
	MaxItems    = 2_000
)

// Validate checks a normalized post-mortem against the domain rules and the
// organisation's policy, reporting every invalid field at once. It never
// changes p.
func (p *PostMortem) Validate(pol Policy) error {
	v := &ValidationError{}
	text := func(field, s string, max int) {
		switch {
		case !utf8.ValidString(s):
			v.Add(field, "is not valid UTF-8 text")
		case strings.ContainsRune(s, 0):
			v.Add(field, "contains a NUL character")
		case len(s) > max:
			v.Add(field, "is too long: %d bytes, at most %d", len(s), max)
		}
	}

	if p.Title == "" {
		v.Add("title", "is required")
	}
	text("title", p.Title, MaxTitleLen)
	if !slices.Contains(Statuses, p.Status) {
		v.Add("status", "must be one of %s, not %q", joinValues(Statuses), p.Status)
	}
	if p.Severity != "" && !pol.ValidSeverity(p.Severity) {
		v.Add("severity", "must be one of %s, not %q", strings.Join(pol.Severities, ", "), p.Severity)
	}
	text("team", p.Team, MaxTitleLen)
	text("change_note", p.ChangeNote, MaxTitleLen)
	if strings.ContainsAny(p.ChangeNote, "\r\n") {
		v.Add("change_note", "must be one line")
	}
	listItems(v, "services", p.Services)
	listItems(v, "tags", p.Tags)
	listItems(v, "access.users", p.Access.Users)
	listItems(v, "access.groups", p.Access.Groups)
	for i, u := range p.Access.Users {
		if at := strings.LastIndex(u, "@"); at < 1 || at == len(u)-1 || strings.ContainsAny(u, " <>,;") {
			v.Add(fmt.Sprintf("access.users[%d]", i), "%q is not an e-mail address", u)
		}
	}

	text("meeting.contact", p.Meeting.Contact, MaxTitleLen)
	text("meeting.created_by", p.Meeting.CreatedBy, MaxTitleLen)
	text("meeting.facilitated_by", p.Meeting.FacilitatedBy, MaxTitleLen)

	in := p.Incident
	if in.StartedAt != nil && in.EndedAt != nil && in.EndedAt.Before(*in.StartedAt) {
		v.Add("incident.ended_at", "is before the incident started (%s)", in.StartedAt.Format("2006-01-02 15:04 MST"))
	}
	if in.StartedAt != nil && in.DetectedAt != nil && in.DetectedAt.Before(*in.StartedAt) {
		v.Add("incident.detected_at", "is before the incident started (%s)", in.StartedAt.Format("2006-01-02 15:04 MST"))
	}
	count(v, "incident.additional_times", len(in.AdditionalTimes))
	for i, at := range in.AdditionalTimes {
		f := fmt.Sprintf("incident.additional_times[%d]", i)
		if at.Label == "" {
			v.Add(f+".label", "is required")
		} else if strings.ContainsAny(at.Label, ":;|\n") {
			v.Add(f+".label", "must not contain ':', ';', '|' or a line break")
		}
		text(f+".label", at.Label, MaxTitleLen)
		if at.At.IsZero() {
			v.Add(f+".at", "is required")
		}
	}

	text("description", p.Description, MaxTextLen)
	text("additional_info", p.AdditionalInfo, MaxTextLen)
	text("remediation", p.Remediation, MaxTextLen)
	text("summary", p.Summary, MaxTextLen)
	text("root_cause", p.RootCause, MaxTextLen)

	count(v, "events", len(p.Events))
	for i, e := range p.Events {
		f := fmt.Sprintf("events[%d]", i)
		if e.Text == "" {
			v.Add(f+".text", "is required")
		}
		text(f+".text", e.Text, MaxTextLen)
		text(f+".effect", e.Effect, MaxTextLen)
		text(f+".reported_by", e.ReportedBy, MaxTitleLen)
		if e.Kind != "" && !slices.Contains(EventKinds, e.Kind) {
			v.Add(f+".kind", "must be one of %s, not %q", joinValues(EventKinds), e.Kind)
		}
	}

	count(v, "bug_tickets", len(p.BugTickets))
	for i, t := range p.BugTickets {
		f := fmt.Sprintf("bug_tickets[%d]", i)
		if t.Ref == "" && t.URL == "" {
			v.Add(f+".ref", "is required (or a url)")
		}
		text(f+".ref", t.Ref, MaxTitleLen)
		if t.URL != "" && !httpURL(t.URL) {
			v.Add(f+".url", "must be an http or https address")
		}
	}

	count(v, "whys", len(p.Whys))
	for i, w := range p.Whys {
		f := fmt.Sprintf("whys[%d]", i)
		if w.Question == "" && w.Answer == "" {
			v.Add(f+".question", "is required")
		}
		text(f+".question", w.Question, MaxTextLen)
		text(f+".answer", w.Answer, MaxTextLen)
	}

	count(v, "countermeasures", len(p.Countermeasures))
	ids := map[string]bool{}
	for i, c := range p.Countermeasures {
		f := fmt.Sprintf("countermeasures[%d]", i)
		if ids[c.ID] {
			v.Add(f+".id", "repeats the id of another countermeasure")
		}
		ids[c.ID] = true
		if c.Title == "" {
			v.Add(f+".title", "is required")
		}
		text(f+".title", c.Title, MaxTextLen)
		text(f+".owner", c.Owner, MaxTitleLen)
		text(f+".ticket", c.Ticket, MaxTitleLen)
		if c.Kind != "" && !slices.Contains(CountermeasureKinds, c.Kind) {
			v.Add(f+".kind", "must be one of %s, not %q", joinValues(CountermeasureKinds), c.Kind)
		}
		if c.Priority != "" && !slices.Contains(Priorities, c.Priority) {
			v.Add(f+".priority", "must be one of %s, not %q", joinValues(Priorities), c.Priority)
		}
		if !slices.Contains(CountermeasureStatuses, c.Status) {
			v.Add(f+".status", "must be one of %s, not %q", joinValues(CountermeasureStatuses), c.Status)
		}
	}

	count(v, "stakeholders", len(p.Stakeholders))
	for i, s := range p.Stakeholders {
		f := fmt.Sprintf("stakeholders[%d]", i)
		if s.Name == "" {
			v.Add(f+".name", "is required")
		}
		text(f+".name", s.Name, MaxTitleLen)
		if s.Email != "" {
			if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email {
				v.Add(f+".email", "is not an email address like name@example.com")
			}
		}
		for j, r := range s.Roles {
			if !slices.Contains(Roles, r) {
				v.Add(fmt.Sprintf("%s.roles[%d]", f, j), "must be one of %s, not %q", joinValues(Roles), r)
			}
		}
	}

	count(v, "other_sections", len(p.OtherSections))
	for i, s := range p.OtherSections {
		f := fmt.Sprintf("other_sections[%d]", i)
		if s.Heading == "" {
			v.Add(f+".heading", "is required")
		}
		text(f+".heading", s.Heading, MaxTitleLen)
		text(f+".body", s.Body, MaxTextLen)
	}
	p.validateBounds(v)
	return v.OrNil()
}

// listItems checks tags and services: short, and free of the comma that
// separates them in the Markdown template.
func listItems(v *ValidationError, field string, items []string) {
	count(v, field, len(items))
	for i, s := range items {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case !utf8.ValidString(s):
			v.Add(f, "is not valid UTF-8 text")
		case strings.ContainsRune(s, 0):
			v.Add(f, "contains a NUL character")
		case len(s) > 100:
			v.Add(f, "is too long: %d bytes, at most 100", len(s))
		case strings.ContainsAny(s, ",\n|"):
			v.Add(f, "must not contain a comma, '|' or a line break")
		}
	}
}

func count(v *ValidationError, field string, n int) {
	if n > MaxItems {
		v.Add(field, "has %d items, at most %d", n, MaxItems)
	}
}

func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func joinValues[T ~string](vals []T) string {
	s := make([]string, len(vals))
	for i, x := range vals {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
