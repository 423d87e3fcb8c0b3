package web

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"hindsight"
)

// The edit form names its inputs after the JSON paths of the fields they
// hold ("title", "incident.started_at", "events.2.text"), so a validation
// error's field ("events[2].text") maps straight to its input.

// inputName turns a FieldError path into the form input's name.
func inputName(field string) string {
	if list, _, ok := strings.Cut(field, "["); ok && commaLists[list] {
		return list
	}
	return strings.NewReplacer("[", ".", "]", "").Replace(field)
}

// commaLists are the lists typed into one input, comma separated: an
// error in any item belongs to that input.
var commaLists = map[string]bool{"services": true, "tags": true, "access.users": true, "access.groups": true}

var rowRe = regexp.MustCompile(`^([a-z_]+(?:\.[a-z_]+)?)\.(\d+)\.([a-z_]+)$`)

// rows groups the form's "list.N.field" values by row, in index order.
func rows(form url.Values, list string) []url.Values {
	byIndex := map[int]url.Values{}
	for name, vals := range form {
		m := rowRe.FindStringSubmatch(name)
		if m == nil || m[1] != list {
			continue
		}
		i, _ := strconv.Atoi(m[2])
		if byIndex[i] == nil {
			byIndex[i] = url.Values{}
		}
		byIndex[i][m[3]] = vals
	}
	idx := make([]int, 0, len(byIndex))
	for i := range byIndex {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	out := make([]url.Values, len(idx))
	for j, i := range idx {
		out[j] = byIndex[i]
	}
	return out
}

// blank reports whether every value of a row is empty: rows left empty in
// the form are dropped, not reported as invalid.
func blank(row url.Values, ignore ...string) bool {
	for k, vs := range row {
		if containsString(ignore, k) {
			continue
		}
		for _, v := range vs {
			if strings.TrimSpace(v) != "" {
				return false
			}
		}
	}
	return true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// formParser reads times in the form's zone and records the inputs it
// cannot read, by input name, with what was typed so the form shows it
// again.
type formParser struct {
	loc    *time.Location
	errors map[string]string
	raw    map[string]string
}

func (fp *formParser) time(name, s string) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, fp.loc); err == nil {
			u := t.UTC()
			return &u
		}
	}
	fp.errors[name] = "is not a date and time like 2026-03-10 09:42"
	fp.raw[name] = s
	return nil
}

func (fp *formParser) date(name, s string) *hindsight.Date {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	d, err := hindsight.ParseDate(s)
	if err != nil {
		fp.errors[name] = "is not a date like 2026-04-01"
		fp.raw[name] = s
		return nil
	}
	return &d
}

// rowField reads a row's time inputs for formParser.when.
func rowField(row url.Values, field string) func(string) string {
	return func(suffix string) string { return row.Get(field + suffix) }
}

func firstTime(ts ...*time.Time) *time.Time {
	for _, t := range ts {
		if t != nil {
			return t
		}
	}
	return nil
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseForm reads the whole post-mortem from the form. Rows left blank are
// dropped; inputs it cannot read are reported by the name they have once
// the rows are renumbered, with the text that was typed.
func parseForm(form url.Values, loc *time.Location) (*hindsight.PostMortem, *formParser) {
	fp := &formParser{loc: loc, errors: map[string]string{}, raw: map[string]string{}}
	g := form.Get
	top := func(name string) func(string) string {
		return func(suffix string) string { return form.Get(name + suffix) }
	}
	// Start first: the other incident times and the timeline take their
	// day from it when theirs is left empty.
	start := fp.when(top("incident.started_at"), "incident.started_at", nil, dayAfter)
	p := &hindsight.PostMortem{
		Title: g("title"), ChangeNote: g("change_note"), Status: hindsight.Status(g("status")), Severity: g("severity"), Team: g("team"),
		Services: splitComma(g("services")), Tags: splitComma(g("tags")),
		Access: hindsight.Access{Restricted: g("access.restricted") != "", Users: splitComma(g("access.users")), Groups: splitComma(g("access.groups"))},
		Meeting: hindsight.Meeting{
			Date: fp.when(top("meeting.date"), "meeting.date", nil, dayAfter), Contact: g("meeting.contact"),
			CreatedBy: g("meeting.created_by"), FacilitatedBy: g("meeting.facilitated_by"),
		},
		Incident: hindsight.Incident{
			StartedAt:  start,
			DetectedAt: fp.when(top("incident.detected_at"), "incident.detected_at", start, dayAfter),
			EndedAt:    fp.when(top("incident.ended_at"), "incident.ended_at", start, dayAfter),
		},
		Description: g("description"), AdditionalInfo: g("additional_info"), Remediation: g("remediation"),
		Summary: g("summary"), RootCause: g("root_cause"),
	}
	for _, row := range rows(form, "incident.additional_times") {
		if blank(row) {
			continue
		}
		lt := hindsight.LabelledTime{Label: row.Get("label")}
		name := "incident.additional_times." + strconv.Itoa(len(p.Incident.AdditionalTimes)) + ".at"
		if at := fp.when(rowField(row, "at"), name, start, dayAfter); at != nil {
			lt.At = *at
		}
		p.Incident.AdditionalTimes = append(p.Incident.AdditionalTimes, lt)
	}
	// Each event's day, when left empty, is the one nearest the event
	// typed before it, so a timeline that runs past midnight rolls over.
	ref := firstTime(start, p.Incident.DetectedAt, p.Incident.EndedAt)
	for _, row := range rows(form, "events") {
		if blank(row, "kind") {
			continue
		}
		at := fp.when(rowField(row, "at"), "events."+strconv.Itoa(len(p.Events))+".at", ref, dayNearest)
		if at != nil {
			ref = at
		}
		p.Events = append(p.Events, hindsight.Event{
			At: at, ReportedBy: row.Get("reported_by"),
			Kind: hindsight.EventKind(row.Get("kind")), Text: row.Get("text"), Effect: row.Get("effect"),
		})
	}
	for _, row := range rows(form, "bug_tickets") {
		if !blank(row) {
			p.BugTickets = append(p.BugTickets, hindsight.BugTicket{Ref: row.Get("ref"), URL: row.Get("url")})
		}
	}
	for _, row := range rows(form, "whys") {
		if !blank(row) {
			p.Whys = append(p.Whys, hindsight.Why{Question: row.Get("question"), Answer: row.Get("answer")})
		}
	}
	for _, row := range rows(form, "countermeasures") {
		if blank(row, "id", "status", "kind", "priority") {
			continue
		}
		p.Countermeasures = append(p.Countermeasures, hindsight.Countermeasure{
			ID: row.Get("id"), Title: row.Get("title"), Kind: hindsight.CountermeasureKind(row.Get("kind")),
			Priority: hindsight.Priority(row.Get("priority")), Owner: row.Get("owner"),
			Due: fp.date("countermeasures."+strconv.Itoa(len(p.Countermeasures))+".due", row.Get("due")), Status: hindsight.CountermeasureStatus(row.Get("status")),
			Ticket: row.Get("ticket"),
		})
	}
	for _, row := range rows(form, "stakeholders") {
		if blank(row, "roles") && row.Get("name") == "" {
			continue
		}
		s := hindsight.Stakeholder{Name: row.Get("name"), Email: row.Get("email")}
		for _, r := range row["roles"] {
			s.Roles = append(s.Roles, hindsight.Role(r))
		}
		p.Stakeholders = append(p.Stakeholders, s)
	}
	for _, row := range rows(form, "other_sections") {
		if !blank(row) {
			p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: row.Get("heading"), Body: row.Get("body")})
		}
	}
	return p, fp
}
