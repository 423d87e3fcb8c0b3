package storedoc

import (
	"strings"
	"unicode"

	"hindsight"
)

// Snippet is a short excerpt of a post-mortem around the first place the
// query's words occur, with each occurrence wrapped in the highlight
// markers. Words match by their stem-like prefix ("timeouts" finds
// "timeout"), as the engines' stemming search does. It is computed from
// the document the list already reads, which is cheaper than asking the
// search engine to re-read every hit.
func Snippet(p *hindsight.PostMortem, q string, window int) string {
	terms := Terms(q)
	if len(terms) == 0 {
		return ""
	}
	prefixes := make([]string, len(terms))
	for i, t := range terms {
		t = strings.ToLower(t)
		if n := len([]rune(t)); n > 4 {
			t = string([]rune(t)[:max(4, n-3)])
		}
		prefixes[i] = t
	}
	text := TextOf(p)
	for _, field := range []string{text.Summary, text.Body, text.Title} {
		if s := excerpt(field, prefixes, window); s != "" {
			return s
		}
	}
	return ""
}

// excerpt returns window words of text around the first matching word, or
// "" when no word matches.
func excerpt(text string, prefixes []string, window int) string {
	words := strings.FieldsFunc(text, unicode.IsSpace)
	matches := func(w string) bool {
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		for _, p := range prefixes {
			if w != "" && strings.HasPrefix(w, p) {
				return true
			}
		}
		return false
	}
	first := -1
	for i, w := range words {
		if matches(w) {
			first = i
			break
		}
	}
	if first < 0 {
		return ""
	}
	start := max(0, first-window/3)
	end := min(len(words), start+window)
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(' ')
		}
		w := strings.ReplaceAll(strings.ReplaceAll(words[i], hindsight.HighlightStart, ""), hindsight.HighlightEnd, "")
		if matches(w) {
			w = hindsight.HighlightStart + w + hindsight.HighlightEnd
		}
		b.WriteString(w)
	}
	if end < len(words) {
		b.WriteString("…")
	}
	return b.String()
}
