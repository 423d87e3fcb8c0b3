package markdown

import (
	"regexp"
	"slices"
	"strings"

	"hindsight"
)

// parseCountermeasures reads an action-item section: the Countermeasures
// table Render writes, tables of other shapes (matched by column names),
// numbered or bulleted items and task lists with their continuation lines,
// plus the verification history under "### Verifications". Nothing in the
// section is dropped: lines that are not items come back as notes.
func parseCountermeasures(lines []string, d *doc) ([]hindsight.Countermeasure, string) {
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
		out = append(out, countermeasuresFromTable(t, len(out), d)...)
	}
	var rest []string
	for i, l := range lines[:verifyAt] {
		if !inTable[i] {
			rest = append(rest, l)
		}
	}
	items, notes := actionItems(rest)
	for _, it := range items {
		out = append(out, countermeasureFromItem(it))
	}
	parseVerifications(lines[verifyAt:], out, d)
	return out, body(notes)
}

func countermeasuresFromTable(t table, offset int, d *doc) []hindsight.Countermeasure {
	title := t.columnPrefix("countermeasure", "action item", "action", "item", "title", "task", "description", "follow-up", "what", "remediation")
	if title < 0 {
		title = 0
	}
	kind, prio, owner := t.column("kind", "type"), t.column("priority", "prio"), t.columnPrefix("owner", "assignee", "owners", "who", "responsible", "assigned to")
	due, status, done := t.columnPrefix("target date", "due", "due date", "target", "deadline", "eta", "by when"), t.columnPrefix("status", "state"), t.column("done", "done at")
	verified, ticket := t.column("verified", "verified at"), t.columnPrefix("ticket", "bug", "issue", "tracking", "jira", "link", "tracker")
	used := map[int]bool{title: true, kind: true, prio: true, owner: true, due: true, status: true, done: true, verified: true, ticket: true}
	var out []hindsight.Countermeasure
	for _, row := range t.rows {
		f := "countermeasures[" + itoa(offset+len(out)) + "]"
		c := hindsight.Countermeasure{
			Title:  cell(row, title),
			Kind:   hindsight.CountermeasureKind(strings.ToLower(cell(row, kind))),
			Owner:  cell(row, owner),
			Status: statusWord(cell(row, status)),
			Ticket: cell(row, ticket),
			DoneAt: timeField(cell(row, done), f+".done_at", d),
		}
		c.Priority = priorityWord(cell(row, prio))
		if c.Priority == "" && cell(row, prio) != "" {
			c.Title += " (priority: " + cell(row, prio) + ")"
		}
		if s := cell(row, status); s != "" && c.Status == "" {
			c.Title += " (status: " + s + ")"
		}
		if !slices.Contains(hindsight.CountermeasureKinds, c.Kind) && c.Kind != "" {
			c.Title += " (kind: " + cell(row, kind) + ")"
			c.Kind = ""
		}
		if at := timeField(cell(row, verified), f+".verified_at", d); at != nil {
			c.VerifiedAt = at
		}
		if v := cell(row, due); v != "" {
			if day, ok := dueDate(v, d); ok {
				c.Due = &day
			} else {
				c.Title += " (due: " + v + ")"
			}
		}
		for i := range row {
			if !used[i] && cell(row, i) != "" {
				c.Title += " (" + headerName(t, i) + ": " + cell(row, i) + ")"
			}
		}
		if c.Title == "" {
			c.Title = "(untitled)"
		}
		out = append(out, c)
	}
	return out
}

var byRe = regexp.MustCompile(`^ \(([^()]*)\)`)

// parseVerifications reads "- <time> — <countermeasure title> (By): note"
// lines into the history of the countermeasure with that title.
func parseVerifications(lines []string, cms []hindsight.Countermeasure, d *doc) {
	for _, l := range lines {
		if !isListItem(l) {
			continue
		}
		item := strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))
		when, rest, ok := strings.Cut(item, dash)
		if !ok {
			continue
		}
		at := timeField(when, "countermeasures.verifications", d)
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
