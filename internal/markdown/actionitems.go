package markdown

import (
	"regexp"
	"strings"

	"hindsight"
)

// actionItems gathers the items of an action-item list: each top-level
// bullet or number with everything under it (continuation lines, nested
// bullets), and returns the other lines as notes.
func actionItems(lines []string) (items []string, notes []string) {
	inItem, blanks := false, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			blanks++
			continue
		case isListItem(l) && !strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "\t"):
			items, inItem = append(items, strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))), true
		case inItem && (blanks == 0 || strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")) && !atxRe.MatchString(l):
			items[len(items)-1] += strings.Repeat("\n", min(blanks, 1)+1) + t
		default:
			notes, inItem = append(notes, l), false
		}
		blanks = 0
	}
	return items, notes
}

var (
	taskRe      = regexp.MustCompile(`^\[([ xX✓✔-])\]\s*`)
	priorityRe  = regexp.MustCompile(`\b(P[0-4])\b`)
	ownerRe     = regexp.MustCompile(`(?i)\b(?:owners?|assignee|assigned to|responsible)\s*[:=]\s*\**\s*([^,;)\n*|]+)`)
	atOwnerRe   = regexp.MustCompile(`(?:^|\s|\()@([A-Za-z0-9][\w.-]*)`)
	parenNameRe = regexp.MustCompile(`\(((?:[A-Z][\p{L}'-]+|[a-z][a-z0-9_.-]+)(?:\s[A-Z][\p{L}'-]+){0,2})\)\s*(?:[.]|\s[-–—,;]\s.*)?$`)
	dueRe       = regexp.MustCompile(`(?i)\b(?:due|by|deadline|eta|target(?: date)?)\s*[:=]?\s*(\d{4}-\d{2}-\d{2}|` + monthWord + `\s+\d{1,2}(?:,?\s+\d{4})?)`)
	doneMarkRe  = regexp.MustCompile(`(?i)(?:^|[\s(\[*_~])(?:done|fixed|completed?|resolved|closed|shipped|merged)(?:$|[\s)\]*_~:.!,])|✅|✔|☑`)
	wipMarkRe   = regexp.MustCompile(`(?i)\b(?:in progress|wip|in review|ongoing|started)\b`)
	wontMarkRe  = regexp.MustCompile(`(?i)\b(?:won'?t (?:do|fix)|wontfix|cancell?ed|dropped|not planned|superseded|obsolete)\b`)
	ticketRe    = regexp.MustCompile(`\[([^\]]+)\]\((https?://[^)\s]+)\)|(https?://\S+[^\s.,;)])|\b([A-Z][A-Z0-9]{1,9}-\d+)\b|(?:^|\s)(#\d+)\b`)
	strikeRe    = regexp.MustCompile(`^~~[^~]+~~`)
)

// countermeasureFromItem reads one action item. The whole text stays the
// title so nothing is lost; the owner, status, due date, priority and
// ticket written in it are picked up.
func countermeasureFromItem(s string) hindsight.Countermeasure {
	c := hindsight.Countermeasure{Status: hindsight.CMOpen}
	if m := taskRe.FindStringSubmatch(s); m != nil {
		if m[1] != " " {
			c.Status = hindsight.CMDone
		}
		s = s[len(m[0]):]
	} else {
		head := firstLine(s)
		switch {
		case strikeRe.MatchString(strings.TrimSpace(head)) && doneMarkRe.MatchString(head):
			c.Status = hindsight.CMDone
		case strikeRe.MatchString(strings.TrimSpace(head)):
			c.Status = hindsight.CMWontDo
		case wontMarkRe.MatchString(s):
			c.Status = hindsight.CMWontDo
		case doneMarkRe.MatchString(head):
			c.Status = hindsight.CMDone
		case wipMarkRe.MatchString(head):
			c.Status = hindsight.CMInProgress
		}
	}
	c.Title = s
	if m := priorityRe.FindStringSubmatch(s); m != nil {
		c.Priority = priorityWord(m[1])
	}
	switch {
	case ownerRe.MatchString(s):
		c.Owner = strings.TrimSpace(ownerRe.FindStringSubmatch(s)[1])
	case atOwnerRe.MatchString(s):
		c.Owner = atOwnerRe.FindStringSubmatch(s)[1]
	case parenNameRe.MatchString(firstLine(s)):
		if name := parenNameRe.FindStringSubmatch(firstLine(s))[1]; !priorityRe.MatchString(name) && statusWord(name) == "" {
			c.Owner = name
		}
	}
	if m := dueRe.FindStringSubmatch(s); m != nil {
		if day, ok := dueDate(m[1], nil); ok {
			c.Due = &day
		}
	}
	if m := ticketRe.FindStringSubmatch(s); m != nil {
		for _, g := range []string{m[2], m[3], m[4], m[5]} {
			if g != "" {
				c.Ticket = g
				break
			}
		}
	}
	return c
}

// statusWord maps the status words people write to a countermeasure
// status; "" when there is no clear mapping.
func statusWord(s string) hindsight.CountermeasureStatus {
	switch strings.ReplaceAll(strings.ToLower(strings.Trim(strings.TrimSpace(s), "*_~.")), " ", "_") {
	case "open", "todo", "to_do", "to-do", "new", "not_started", "planned", "backlog", "pending", "":
		if strings.TrimSpace(s) == "" {
			return ""
		}
		return hindsight.CMOpen
	case "in_progress", "in-progress", "wip", "started", "ongoing", "in_review", "doing":
		return hindsight.CMInProgress
	case "done", "fixed", "complete", "completed", "resolved", "closed", "shipped", "merged", "yes", "✅", "x":
		return hindsight.CMDone
	case "wont_do", "won't_do", "wont_fix", "won't_fix", "wontfix", "cancelled", "canceled", "dropped", "superseded", "obsolete", "duplicate":
		return hindsight.CMWontDo
	}
	return ""
}

// priorityWord maps P0–P4 and high/medium/low to a priority.
func priorityWord(s string) hindsight.Priority {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "P0", "P1", "CRITICAL", "URGENT", "HIGHEST":
		return hindsight.P1
	case "P2", "HIGH":
		return hindsight.P2
	case "P3", "MEDIUM", "MED", "NORMAL":
		return hindsight.P3
	case "P4", "LOW", "LOWEST":
		return hindsight.P4
	}
	return ""
}

// dueDate reads a target date: "2026-04-01", "April 1, 2026" (a date
// without a year takes the document's year).
func dueDate(s string, d *doc) (hindsight.Date, bool) {
	if day, err := hindsight.ParseDate(strings.TrimSpace(s)); err == nil {
		return day, true
	}
	st, rest, ok := leadingStamp(s)
	if !ok || st.day == nil || strings.TrimSpace(rest) != "" {
		return hindsight.Date{}, false
	}
	day := *st.day
	if day.y == 0 && d != nil {
		day.y = d.year
	}
	if !day.valid() {
		return hindsight.Date{}, false
	}
	out, err := hindsight.ParseDate(day.String())
	return out, err == nil
}
