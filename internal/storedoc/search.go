package storedoc

import (
	"strings"
	"unicode"

	"hindsight"
)

// SearchText is what the full-text index sees of a post-mortem, in three
// weighted parts: the title, the summary-like fields, and the body (every
// other piece of prose a reader might search for).
type SearchText struct {
	Title, Summary, Body string
}

// TextOf gathers a post-mortem's searchable text.
func TextOf(p *hindsight.PostMortem) SearchText {
	var sum, body strings.Builder
	add := func(b *strings.Builder, parts ...string) {
		for _, s := range parts {
			if s = strings.TrimSpace(s); s != "" {
				b.WriteString(s)
				b.WriteString("\n")
			}
		}
	}
	add(&sum, p.Summary, p.RootCause)
	add(&body, p.Description)
	for _, e := range p.Events {
		add(&body, e.Text, e.Effect, e.ReportedBy)
	}
	add(&body, p.AdditionalInfo, p.Remediation)
	for _, w := range p.Whys {
		add(&body, w.Question, w.Answer)
	}
	for _, c := range p.Countermeasures {
		add(&body, c.Title, c.Owner, c.Ticket)
	}
	for _, t := range p.BugTickets {
		add(&body, t.Ref)
	}
	add(&body, strings.Join(p.Tags, " "), strings.Join(p.Services, " "), p.Team)
	for _, s := range p.OtherSections {
		add(&body, s.Heading, s.Body)
	}
	return SearchText{Title: p.Title, Summary: sum.String(), Body: body.String()}
}

// Terms splits a user's query into plain words (letters and digits), so
// engines can build a query from them that no input can break.
func Terms(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
