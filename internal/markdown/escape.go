package markdown

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
)

// A value whose plain Markdown would not read back exactly (an event text
// that starts like a time, a description holding a "## " line, a reporter
// with an unbalanced parenthesis) is written twice: readable, made inert so
// it cannot break the document's structure, and exactly, as JSON in an HTML
// comment that Markdown viewers hide:
//
//	<!-- hindsight:data {"text":"09:40 is when it began"} -->
//
// Parse prefers the comment. Render only falls back to it when the plain
// form fails to read back, so ordinary post-mortems stay plain Markdown.
const dataPrefix = "<!-- hindsight:data "

var dataRe = regexp.MustCompile(`<!-- hindsight:data (\{.*\}) -->[ \t]*$`)

// dataComment encodes v for the comment. JSON's HTML escaping turns "<"
// and ">" into \u003c and \u003e, so the comment can never close early.
func dataComment(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.Encode(v)
	return dataPrefix + strings.TrimSpace(b.String()) + " -->"
}

// takeData finds a data comment ending s and decodes it into v; it returns
// s without the comment and whether one was found and read.
func takeData(s string, v any) (string, bool) {
	loc := dataRe.FindStringSubmatchIndex(s)
	if loc == nil {
		return s, false
	}
	if json.Unmarshal([]byte(s[loc[2]:loc[3]]), v) != nil {
		return s, false
	}
	return strings.TrimRight(s[:loc[0]], " \t\n"), true
}

// inert indents every line by four spaces: an indented code block, which
// no heading, fence, list or table can begin inside.
func inert(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// oneLine joins a text's lines with spaces for a readable copy that must
// stay on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// escapeLead marks a value that would otherwise be read as something else
// (a placeholder, a known section, a list marker) with a leading
// backslash; a value starting with a backslash is marked too, so reading
// back always drops exactly one.
func escapeLead(s string, plainOK bool) string {
	if plainOK && !strings.HasPrefix(s, `\`) {
		return s
	}
	return `\` + s
}

// readLead undoes escapeLead: it reports whether s was marked.
func readLead(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, `\`); ok && rest != "" {
		return rest, true
	}
	return s, false
}

// heading writes an ATX heading. A text ending in "#" gets a closing
// sequence, which Markdown strips, so the "#" is kept.
func heading(level int, text string) string {
	h := strings.Repeat("#", level) + " " + text
	if strings.HasSuffix(text, "#") {
		h += " #"
	}
	return h
}

// headingText reads a heading line back as Parse does; "" when the line
// is not an ATX heading.
func headingText(line string) string {
	if m := atxRe.FindStringSubmatch(line); m != nil {
		return strings.TrimSpace(m[2])
	}
	return ""
}
