package markdown

import (
	"slices"
	"strings"

	"hindsight"
)

// joinList writes tags or services comma separated, escaping an item that
// would read back as something else (a "#tag", a list marker, a
// placeholder, a code fence).
func joinList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = escapeLead(s, cleanItem(s) == s && strings.IndexAny(s[:1], "`~=") < 0)
	}
	return strings.Join(out, ", ")
}

// cleanItem is how splitList reads an item written without escape: list
// markers, a leading "#" and placeholders go.
func cleanItem(s string) string {
	s = listItemRe.ReplaceAllString(s, "")
	return placeholder(strings.TrimPrefix(strings.TrimSpace(s), "#"))
}

// splitList reads a comma-separated or bulleted list.
func splitList(b string) []string {
	var out []string
	for _, l := range strings.Split(b, "\n") {
		for i, item := range strings.Split(l, ",") {
			item = strings.TrimSpace(item)
			if s, marked := readLead(item); marked {
				out = append(out, s)
				continue
			}
			if i == 0 {
				item = listItemRe.ReplaceAllString(item, "")
			}
			if item = cleanItem(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// renderTickets writes tickets comma separated, as the guide's sample
// does: a reference, a linked reference, or a bare link. When that would
// not read back (a reference holding a comma) they go one a bullet, and a
// ticket that still would not read back is written with its exact value.
func renderTickets(ts []hindsight.BugTicket) string {
	plain := make([]string, len(ts))
	for i, t := range ts {
		plain[i] = ticketText(t)
	}
	if joined := strings.Join(plain, ", "); slices.Equal(parseTickets(joined), ts) && staysInSection(joined) {
		return joined
	}
	lines := make([]string, len(ts))
	for i, t := range ts {
		plain := ticketText(t)
		if got := parseTicket(plain); got == t && staysInSection("- "+plain) && !strings.Contains(plain, "\n") {
			lines[i] = "- " + plain
		} else {
			lines[i] = "- " + oneLine(t.Ref+" "+t.URL) + " " + dataComment(t)
		}
	}
	return strings.Join(lines, "\n")
}

func ticketText(t hindsight.BugTicket) string {
	switch {
	case t.URL == "":
		return escapeLead(t.Ref, parseTicket(t.Ref).Ref == t.Ref)
	case t.Ref == "":
		return "<" + t.URL + ">"
	}
	return "[" + t.Ref + "](" + t.URL + ")"
}

// parseTickets reads tickets: one a bullet, or comma-separated on lines.
func parseTickets(b string) []hindsight.BugTicket {
	out := []hindsight.BugTicket{}
	for _, l := range strings.Split(b, "\n") {
		if isListItem(l) {
			if t := parseTicket(strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))); t.Ref != "" || t.URL != "" {
				out = append(out, t)
			}
			continue
		}
		for _, item := range splitList(l) {
			out = append(out, parseTicket(item))
		}
	}
	return out
}

// parseTicket reads one ticket: "[REF](url)", "<url>", a bare link or a
// reference.
func parseTicket(item string) hindsight.BugTicket {
	var t hindsight.BugTicket
	if _, ok := takeData(item, &t); ok {
		return t
	}
	if s, marked := readLead(item); marked {
		return hindsight.BugTicket{Ref: s}
	}
	switch {
	case linkRe.MatchString(item):
		m := linkRe.FindStringSubmatch(item)
		return hindsight.BugTicket{Ref: m[1], URL: m[2]}
	case autolinkRe.MatchString(item):
		return hindsight.BugTicket{URL: autolinkRe.FindStringSubmatch(item)[1]}
	case bareURLRe.MatchString(item):
		return hindsight.BugTicket{URL: item}
	}
	return hindsight.BugTicket{Ref: placeholder(item)}
}
