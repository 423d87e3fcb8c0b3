package morgue

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"hindsight"
)

// idSpace is the namespace of ids made from Morgue post-mortems.
var idSpace = uuid.MustParse("6f1c3a52-8d0e-4b7a-9a51-3c2f7d9e0b14")

// ID is the Hindsight id of Morgue post-mortem n from source: the same on
// every run, which is what makes imports idempotent.
func ID(source string, n int64) string {
	return uuid.NewSHA1(idSpace, []byte(source+"#"+strconv.FormatInt(n, 10))).String()
}

// unix reads a Morgue time column (seconds since 1970; 0 is unset).
func unix(s string) *time.Time {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return nil
	}
	t := time.Unix(n, 0).UTC()
	return &t
}

// Convert makes a draft post-mortem of a Morgue record. The severity is
// "SEV" and Morgue's number, for the importer to fit to the policy.
func Convert(r *Record, source string) *hindsight.PostMortem {
	c := r.Columns
	p := &hindsight.PostMortem{
		ID:          ID(source, r.ID),
		Title:       strings.TrimSpace(c["title"]),
		Status:      hindsight.StatusDraft,
		Description: c["summary"],
		Summary:     c["tldr"],
		Team:        c["owner_team"],
		Tags:        r.Tags,
	}
	if p.Title == "" {
		p.Title = fmt.Sprintf("Morgue post-mortem %d", r.ID)
	}
	if s := strings.TrimSpace(c["severity"]); s != "" && s != "0" {
		p.Severity = "SEV" + s
	}
	if s := c["subsystem"]; s != "" {
		p.Services = []string{s}
	}
	p.Incident.StartedAt, p.Incident.DetectedAt, p.Incident.EndedAt = unix(c["starttime"]), unix(c["detecttime"]), unix(c["endtime"])
	for _, col := range []string{"statustime", "etsystatustime"} {
		if t := unix(c[col]); t != nil {
			p.Incident.AdditionalTimes = append(p.Incident.AdditionalTimes, hindsight.LabelledTime{Label: "Status page update", At: *t})
		}
	}
	p.Meeting.Contact = c["contact"]
	p.Meeting.FacilitatedBy = c["facilitator"]
	if c["facilitator"] != "" || c["facilitator_email"] != "" {
		p.Stakeholders = append(p.Stakeholders, hindsight.Stakeholder{Name: firstNonEmpty(c["facilitator"], c["facilitator_email"]), Email: c["facilitator_email"]})
	}
	for _, h := range r.History {
		if h.Action == "create" && p.Meeting.CreatedBy == "" {
			p.Meeting.CreatedBy = h.User
		}
	}
	for _, t := range r.Tickets {
		p.BugTickets = append(p.BugTickets, hindsight.BugTicket{Ref: t})
	}
	var info []string
	for i, img := range r.Images {
		info = append(info, fmt.Sprintf("![Image %d from Morgue](%s)", i+1, img))
	}
	for _, f := range r.Forums {
		info = append(info, "- ["+firstNonEmpty(f.Comment, f.URL)+"]("+f.URL+")")
	}
	if l := c["meeting_notes_link"]; l != "" {
		info = append(info, "- [Meeting notes]("+l+")")
	}
	if l := c["gcal"]; l != "" {
		info = append(info, "- [Calendar entry]("+l+")")
	}
	p.AdditionalInfo = strings.Join(info, "\n")
	if s := c["why_surprised"]; strings.TrimSpace(s) != "" {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Why were we surprised?", Body: s})
	}
	var cats []string
	for _, k := range []string{"problem_type", "impact_type", "incident_cause"} {
		if v := c[k]; v != "" {
			cats = append(cats, "- "+strings.ReplaceAll(k, "_", " ")+": "+v)
		}
	}
	if len(cats) > 0 {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Morgue categories", Body: strings.Join(cats, "\n")})
	}
	if len(r.Channels) > 0 {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "IRC channels", Body: "- #" + strings.Join(r.Channels, "\n- #")})
	}
	for _, s := range r.Slack {
		if text := htmlText(s.HTML); text != "" {
			p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Slack log #" + strings.TrimPrefix(s.Channel, "#"), Body: text})
		} else {
			p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Slack channel #" + strings.TrimPrefix(s.Channel, "#"), Body: "(no messages saved)"})
		}
	}
	return p
}

var (
	breakRe = regexp.MustCompile(`(?i)<br\s*/?>|</(div|p|li|tr)>`)
	tagRe   = regexp.MustCompile(`<[^>]*>`)
)

// htmlText turns the HTML Morgue saved a Slack log as into lines of text.
func htmlText(s string) string {
	s = breakRe.ReplaceAllString(s, "\n")
	s = html.UnescapeString(tagRe.ReplaceAllString(s, ""))
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
