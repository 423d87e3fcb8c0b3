// Package versiondiff lays out what changed between two versions of a
// post-mortem, the way a reviewer reads it: field by field for the
// structured parts (times, events, countermeasures, stakeholders), each
// list item matched with its counterpart, and word by word inside text.
// The API serves it as JSON and the web UI shows it side by side.
package versiondiff

import (
	"regexp"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what happened to a piece of text between the two versions.
type Op string

// The operations of a word diff.
const (
	Equal  Op = "equal"
	Delete Op = "delete"
	Insert Op = "insert"
)

// Span is a run of text that is the same in both versions, only in the
// older (Delete) or only in the newer (Insert).
type Span struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// token is a word, a run of white space, or one other character: the
// units a word diff compares, so a changed word is replaced whole rather
// than letter by letter.
var token = regexp.MustCompile(`[\p{L}\p{N}_'’-]+|\s+|.`)

// Words compares two texts word by word. It runs Myers' diff (through
// go-diff) over the texts' words, each word mapped to one rune as go-diff
// does for lines, then tidies the result (see tidy).
func Words(a, b string) []Span {
	if a == b {
		if a == "" {
			return nil
		}
		return []Span{{Equal, a}}
	}
	ids := map[string]rune{}
	var words []string
	encode := func(s string) []rune {
		toks := token.FindAllString(s, -1)
		out := make([]rune, len(toks))
		for i, t := range toks {
			r, ok := ids[t]
			if !ok {
				r = runeFor(len(words))
				ids[t] = r
				words = append(words, t)
			}
			out[i] = r
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	diffs := diffmatchpatch.New().DiffMainRunes(ra, rb, false)
	spans := make([]Span, len(diffs))
	for i, d := range diffs {
		var text []byte
		for _, r := range d.Text {
			text = append(text, words[indexOf(r)]...)
		}
		spans[i] = Span{Equal, string(text)}
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			spans[i].Op = Delete
		case diffmatchpatch.DiffInsert:
			spans[i].Op = Insert
		}
	}
	return tidy(spans)
}

// tidy gathers each stretch of changes into one deletion followed by one
// insertion, taking in the bare spaces between changed words, so a
// rewritten phrase reads as old phrase, new phrase — not word, space,
// word.
func tidy(spans []Span) []Span {
	var out []Span
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, Span{Delete, del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, Span{Insert, ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for i, s := range spans {
		inChange := del.Len()+ins.Len() > 0
		switch {
		case s.Op == Delete:
			del.WriteString(s.Text)
		case s.Op == Insert:
			ins.WriteString(s.Text)
		case inChange && strings.TrimSpace(s.Text) == "" && i+1 < len(spans):
			del.WriteString(s.Text)
			ins.WriteString(s.Text)
		default:
			flush()
			out = append(out, s)
		}
	}
	flush()
	return out
}

// runeFor maps the i-th distinct word to a valid rune (diffs come back as
// strings, where an invalid rune would turn into U+FFFD), skipping the
// surrogate range.
func runeFor(i int) rune {
	r := rune(0x100 + i)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func indexOf(r rune) int {
	if r >= 0xE000 {
		r -= 0x800
	}
	return int(r - 0x100)
}
