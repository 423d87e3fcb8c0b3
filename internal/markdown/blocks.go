package markdown

import (
	"strings"
)

// blockField is the exact value of a text field written in its fallback
// form.
type blockField struct {
	Text string `json:"text"`
}

// writeBlock writes a Markdown text field (description, summary, a kept
// section…) followed by a line break. Text that would not read back as it
// is — a line that starts a new section, an unclosed code fence, a
// template placeholder — goes in the inert form with its exact value.
func writeBlock(b *strings.Builder, s string, hint string) {
	if s == "" {
		return
	}
	if blockSurvives(s, hint) {
		b.WriteString(s + "\n")
		return
	}
	b.WriteString(dataComment(blockField{s}) + "\n\n" + inert(s) + "\n")
}

// blockSurvives reports whether s, written as a section's body, reads back
// unchanged.
func blockSurvives(s, hint string) bool {
	if strings.Contains(s, dataPrefix) || placeholder(s) != s || (hint != "" && strings.HasPrefix(s, hint)) {
		return false
	}
	if strings.TrimSpace(firstLine(s)) == "" || s != strings.TrimRight(s, " \t\n") {
		return false
	}
	return staysInSection(s)
}

// staysInSection reports whether lines written inside a section leave its
// structure alone: they start no section and leave no code fence open.
func staysInSection(s string) bool {
	pre, secs := splitSections(s)
	return len(secs) == 0 && len(pre) == strings.Count(s, "\n")+1 && !openFence(s)
}

// openFence reports whether s leaves a code fence open.
func openFence(s string) bool {
	open := ""
	for _, l := range strings.Split(s, "\n") {
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			switch {
			case open == "":
				open = m[1]
			case open == m[1]:
				open = ""
			}
		}
	}
	return open != ""
}

// readBlock is the inverse of writeBlock: a body holding a data comment
// gives the exact value; otherwise the body is the value, the template's
// placeholders read as empty.
func readBlock(b string) string {
	var f blockField
	if strings.HasPrefix(b, dataPrefix) {
		first, _, _ := strings.Cut(b, "\n")
		if _, ok := takeData(first, &f); ok {
			return f.Text
		}
	}
	return placeholder(b)
}
