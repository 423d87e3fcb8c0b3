package markdown

import (
	"strconv"
	"strings"

	"hindsight"
)

// renderExtra writes, after the template, what it has no place for; each
// section only when it has something to say, except Details, which always
// carries the status.
func renderExtra(b *strings.Builder, p *hindsight.PostMortem) {
	b.WriteString("\n" + headDetails + "\n\n")
	rows := [][]string{{"Status", string(p.Status)}}
	if p.Team != "" {
		rows = append(rows, []string{"Team", p.Team})
	}
	if len(p.Services) > 0 {
		rows = append(rows, []string{"Services", joinList(p.Services)})
	}
	writeTable(b, []string{"Field", "Value"}, rows)

	if len(p.Whys) > 0 {
		b.WriteString("\n" + headWhys + "\n\n")
		renderWhys(b, p.Whys)
	}
	if p.RootCause != "" {
		b.WriteString("\n" + headRootCause + "\n\n")
		writeBlock(b, p.RootCause, "")
	}
	if len(p.Countermeasures) > 0 {
		renderCountermeasures(b, p.Countermeasures)
	}
	if len(p.Stakeholders) > 0 {
		b.WriteString("\n" + headStakeholders + "\n\n")
		rows := make([][]string, len(p.Stakeholders))
		for i, s := range p.Stakeholders {
			roles := make([]string, len(s.Roles))
			for j, r := range s.Roles {
				roles[j] = string(r)
			}
			rows[i] = []string{s.Name, s.Email, strings.Join(roles, ", ")}
		}
		writeTable(b, []string{"Name", "Email", "Roles"}, rows)
	}
	for _, s := range p.OtherSections {
		plain := kindOf(section{heading: s.Heading, lines: strings.Split(s.Body, "\n")}) == secOther && headingText(heading(2, s.Heading)) == s.Heading
		b.WriteString("\n" + heading(2, escapeLead(s.Heading, plain)) + "\n\n")
		writeBlock(b, s.Body, "")
	}
}

func renderCountermeasures(b *strings.Builder, cms []hindsight.Countermeasure) {
	b.WriteString("\n" + headCountermeasures + "\n\n")
	rows := make([][]string, len(cms))
	var verified []string
	for i, c := range cms {
		due := ""
		if c.Due != nil {
			due = c.Due.String()
		}
		rows[i] = []string{c.Title, string(c.Kind), string(c.Priority), c.Owner, due, string(c.Status), timeOrEmpty(c.DoneAt), timeOrEmpty(c.VerifiedAt), c.Ticket}
		for _, v := range c.Verifications {
			line := "- " + formatTime(v.At) + dash + c.Title
			if v.By != "" {
				line += " (" + v.By + ")"
			}
			if v.Note != "" {
				line += ": " + strings.ReplaceAll(v.Note, "\n", " ")
			}
			verified = append(verified, line)
		}
	}
	writeTable(b, []string{"Countermeasure", "Kind", "Priority", "Owner", "Target date", "Status", "Done", "Verified", "Ticket"}, rows)
	if len(verified) > 0 {
		b.WriteString("\n" + headVerifications + "\n\n" + strings.Join(verified, "\n") + "\n")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
