package markdown

import (
	"regexp"
	"strings"

	"hindsight"
)

// parseCountermeasures reads the Countermeasures table Render writes, an
// "Action items" table of another shape (matched by column names), or a
// task list ("- [ ] Add an alert", "- [x] …" for done ones), plus the
// verification history under "### Verifications".
func parseCountermeasures(lines []string, v *hindsight.ValidationError) []hindsight.Countermeasure {
	var out []hindsight.Countermeasure
	verifyAt := len(lines)
	for i, l := range lines {
		if strings.TrimSpace(l) == headVerifications {
			verifyAt = i
			break
		}
	}
	inTable := map[int]bool{}
	for _, t := range parseTables(lines[:verifyAt]) {
		for i := t.start; i < t.end; i++ {
			inTable[i] = true
		}
		out = append(out, countermeasuresFromTable(t, len(out), v)...)
	}
	for i, l := range lines[:verifyAt] {
		if !inTable[i] && isListItem(l) {
			out = append(out, countermeasureFromTask(strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))))
		}
	}
	parseVerifications(lines[verifyAt:], out, v)
	return out
}

func countermeasuresFromTable(t table, offset int, v *hindsight.ValidationError) []hindsight.Countermeasure {
	title := t.column("countermeasure", "action item", "action", "item", "title", "task", "description")
	if title < 0 {
		title = 0
	}
	kind, prio, owner := t.column("kind", "type"), t.column("priority", "prio"), t.column("owner", "assignee", "owners")
	due, status, done := t.column("target date", "due", "due date", "target"), t.column("status", "state"), t.column("done", "done at")
	verified, ticket := t.column("verified", "verified at"), t.column("ticket", "bug", "issue", "tracking")
	var out []hindsight.Countermeasure
	for _, row := range t.rows {
		f := "countermeasures[" + itoa(offset+len(out)) + "]"
		c := hindsight.Countermeasure{
			Title:    cell(row, title),
			Kind:     hindsight.CountermeasureKind(strings.ToLower(cell(row, kind))),
			Priority: hindsight.Priority(strings.ToUpper(cell(row, prio))),
			Owner:    cell(row, owner),
			Status:   hindsight.CountermeasureStatus(strings.ReplaceAll(strings.ToLower(cell(row, status)), " ", "_")),
			Ticket:   cell(row, ticket),
			DoneAt:   timeField(cell(row, done), f+".done_at", v),
		}
		if at := timeField(cell(row, verified), f+".verified_at", v); at != nil {
			c.VerifiedAt = at
		}
		if d := cell(row, due); d != "" {
			day, err := hindsight.ParseDate(d)
			if err != nil {
				v.Add(f+".due", "%v", err)
			} else {
				c.Due = &day
			}
		}
		out = append(out, c)
	}
	return out
}

var (
	taskRe      = regexp.MustCompile(`^\[([ xX])\]\s*`)
	priorityRe  = regexp.MustCompile(`\b(P[1-4])\b`)
	taskOwnerRe = regexp.MustCompile(`(?i)\bowner:\s*([^,;)]+)`)
	taskDueRe   = regexp.MustCompile(`(?i)\bdue:\s*(\d{4}-\d{2}-\d{2})`)
)

// countermeasureFromTask reads a task-list item; the whole text stays the
// title so nothing is lost, and owner, due date and priority written in it
// are picked up.
func countermeasureFromTask(s string) hindsight.Countermeasure {
	c := hindsight.Countermeasure{Status: hindsight.CMOpen}
	if m := taskRe.FindStringSubmatch(s); m != nil {
		if m[1] != " " {
			c.Status = hindsight.CMDone
		}
		s = s[len(m[0]):]
	}
	c.Title = s
	if m := priorityRe.FindStringSubmatch(s); m != nil {
		c.Priority = hindsight.Priority(m[1])
	}
	if m := taskOwnerRe.FindStringSubmatch(s); m != nil {
		c.Owner = strings.TrimSpace(m[1])
	}
	if m := taskDueRe.FindStringSubmatch(s); m != nil {
		if d, err := hindsight.ParseDate(m[1]); err == nil {
			c.Due = &d
		}
	}
	return c
}

var byRe = regexp.MustCompile(`^ \(([^()]*)\)`)

// parseVerifications reads "- <time> — <countermeasure title> (By): note"
// lines into the history of the countermeasure with that title.
func parseVerifications(lines []string, cms []hindsight.Countermeasure, v *hindsight.ValidationError) {
	for _, l := range lines {
		if !isListItem(l) {
			continue
		}
		item := strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))
		when, rest, ok := strings.Cut(item, dash)
		if !ok {
			continue
		}
		at := timeField(when, "countermeasures.verifications", v)
		if at == nil {
			continue
		}
		// The longest title that begins the rest, so "Alert" does not take
		// the history of "Alert on saturation".
		best := -1
		for i := range cms {
			if strings.HasPrefix(rest, cms[i].Title) && (best < 0 || len(cms[i].Title) > len(cms[best].Title)) {
				best = i
			}
		}
		if i := best; i >= 0 {
			ver := hindsight.Verification{At: *at}
			tail := rest[len(cms[i].Title):]
			if m := byRe.FindStringSubmatch(tail); m != nil {
				ver.By = m[1]
				tail = tail[len(m[0]):]
			}
			ver.Note = strings.TrimSpace(strings.TrimPrefix(tail, ":"))
			cms[i].Verifications = append(cms[i].Verifications, ver)
		}
	}
}
