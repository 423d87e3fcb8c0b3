package storedoc

import (
	"strings"
	"unicode"

	"hindsight"
)

// Snippet is a short excerpt of a post-mortem around the first place the
// query's words occur, with each occurrence wrapped in the highlight
// markers. Words match by their stem-like prefix ("timeouts" finds
// "timeout"), as the engines' stemming search does.
func Snippet(p *hindsight.PostMortem, q string, window int) string {
	return SnippetOf(TextOf(p), q, window)
}

// SnippetOf is Snippet over the searchable text an engine keeps, so a
// search page never decodes a document to show its excerpts.
func SnippetOf(text SearchText, q string, window int) string {
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
	for _, field := range []string{text.Summary, text.Body, text.Title} {
		if s := excerpt(field, prefixes, window); s != "" {
			return s
		}
	}
	return ""
}

// excerpt returns window words of text around the first matching word, or
// "" when no word matches. It reads the text a word at a time and stops
// once the excerpt is complete: long documents are never split whole.
func excerpt(text string, prefixes []string, window int) string {
	matches := func(w string) bool {
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		for _, p := range prefixes {
			if w != "" && strings.HasPrefix(w, p) {
				return true
			}
		}
		return false
	}
	before := window / 3
	var words []string // up to before words ahead of the match, then the excerpt
	skipped := false
	rest := text
	for {
		w, r, ok := nextWord(rest)
		if !ok {
			return ""
		}
		rest = r
		if matches(w) {
			words = append(words, w)
			break
		}
		if before == 0 {
			skipped = true
			continue
		}
		if len(words) == before {
			words, skipped = words[1:], true
		}
		words = append(words, w)
	}
	for len(words) < window {
		w, r, ok := nextWord(rest)
		if !ok {
			break
		}
		rest, words = r, append(words, w)
	}
	_, _, more := nextWord(rest)
	var b strings.Builder
	if skipped {
		b.WriteString("…")
	}
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		w = strings.ReplaceAll(strings.ReplaceAll(w, hindsight.HighlightStart, ""), hindsight.HighlightEnd, "")
		if matches(w) {
			w = hindsight.HighlightStart + w + hindsight.HighlightEnd
		}
		b.WriteString(w)
	}
	if more {
		b.WriteString("…")
	}
	return b.String()
}

// nextWord returns the first space-separated word of s and what follows
// it; ok is false when s holds no more words.
func nextWord(s string) (word, rest string, ok bool) {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
	if i < 0 {
		return "", "", false
	}
	s = s[i:]
	j := strings.IndexFunc(s, unicode.IsSpace)
	if j < 0 {
		return s, "", true
	}
	return s[:j], s[j:], true
}
