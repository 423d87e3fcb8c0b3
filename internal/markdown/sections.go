package markdown

import (
	"regexp"
	"strings"
)

// section is one heading and the lines under it up to the next heading of
// the same or a higher level.
type section struct {
	level   int
	heading string   // the heading text, as written
	raw     string   // the heading line(s) as written, for verbatim keeping
	lines   []string // the body lines
}

var (
	atxRe    = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$`)
	fenceRe  = regexp.MustCompile("^ {0,3}(```|~~~)")
	setextH1 = regexp.MustCompile(`^ {0,3}=+[ \t]*$`)
	setextH2 = regexp.MustCompile(`^ {0,3}-+[ \t]*$`)
)

// splitSections cuts a document into a preamble (before the first level-1
// or level-2 heading) and sections at levels 1 and 2; deeper headings stay
// in their section's body. Fenced code is never taken for a heading.
func splitSections(src string) (preamble []string, secs []section) {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var cur *section
	emit := func(l string) {
		if cur == nil {
			preamble = append(preamble, l)
		} else {
			cur.lines = append(cur.lines, l)
		}
	}
	inFence := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			switch {
			case inFence == "":
				inFence = m[1]
			case inFence == m[1]:
				inFence = ""
			}
			emit(l)
			continue
		}
		if inFence != "" {
			emit(l)
			continue
		}
		if m := atxRe.FindStringSubmatch(l); m != nil && len(m[1]) <= 2 {
			secs = append(secs, section{level: len(m[1]), heading: strings.TrimSpace(m[2]), raw: l})
			cur = &secs[len(secs)-1]
			continue
		}
		// A line that only names a section ("Action Items") right above a
		// list starts that section, as a heading would.
		if labelHeading(lines, i) {
			secs = append(secs, section{level: 2, heading: strings.TrimSpace(l), raw: l})
			cur = &secs[len(secs)-1]
			continue
		}
		// A setext heading: a paragraph line underlined with = or -. A
		// list item or table row above a dash line is not one.
		if i+1 < len(lines) && strings.TrimSpace(l) != "" && !isTableRow(l) && !isListItem(l) && !strings.HasPrefix(strings.TrimSpace(l), ">") {
			next := lines[i+1]
			level := 0
			switch {
			case setextH1.MatchString(next):
				level = 1
			case setextH2.MatchString(next) && len(strings.TrimSpace(next)) >= 2:
				level = 2
			}
			if level > 0 {
				secs = append(secs, section{level: level, heading: strings.TrimSpace(l), raw: l + "\n" + next})
				cur = &secs[len(secs)-1]
				i++
				continue
			}
		}
		emit(l)
	}
	return preamble, secs
}

var listItemRe = regexp.MustCompile(`^\s*([-*+]|\d+[.)])(\s|$)`)

func isListItem(l string) bool { return listItemRe.MatchString(l) }

var headingNumberRe = regexp.MustCompile(`^(\d+(\.\d+)*[.)]?|[ivx]+[.)])\s+`)

// normHeading reduces a heading (or table header) to a comparable key:
// lower case, numbering, emphasis and trailing punctuation removed, spaces
// collapsed ("2. Root Cause Analysis:" → "root cause analysis").
func normHeading(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.Trim(h, "*_` ")
	h = headingNumberRe.ReplaceAllString(h, "")
	h = strings.TrimRight(h, ":.!? ")
	return strings.Join(strings.Fields(h), " ")
}

// body joins section lines and trims blank lines at both ends, keeping
// everything in between exactly.
func body(lines []string) string {
	start, end := 0, len(lines)
	for start < end && strings.TrimSpace(lines[start]) == "" {
		start++
	}
	for end > start && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	return strings.Join(lines[start:end], "\n")
}

// labelHeading reports whether lines[i] is a bare label for a list of
// action items or timeline entries: alone after a blank line, naming such
// a section, with a list item right under it.
func labelHeading(lines []string, i int) bool {
	l := strings.TrimSpace(lines[i])
	if l == "" || len(l) > 40 || (i > 0 && strings.TrimSpace(lines[i-1]) != "") || i+1 >= len(lines) || !isListItem(lines[i+1]) || isListItem(l) {
		return false
	}
	switch headingKinds[normHeading(l)] {
	case secCountermeasures, secEvents:
		return true
	}
	return false
}
