package web

import (
	"regexp"
	"strconv"
	"strings"

	"hindsight"
	"hindsight/internal/lint"
)

// lintNote is a lint finding as the page shows it: where, in words.
type lintNote struct {
	lint.Finding
	Where string
}

// lintFindings are the blameless-language and completeness notes shown
// after a save; they never block it.
func (h *Handler) lintFindings(p *hindsight.PostMortem) []lintNote {
	fs := lint.CheckPostMortem(p)
	out := make([]lintNote, len(fs))
	for i, f := range fs {
		out[i] = lintNote{f, fieldWords(f.Field)}
	}
	return out
}

var indexRe = regexp.MustCompile(`\[(\d+)\]`)

// fieldWords turns a JSON path into words: "events[2].text" → "event 3
// text".
func fieldWords(path string) string {
	s := indexRe.ReplaceAllStringFunc(path, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		return " " + strconv.Itoa(n+1)
	})
	s = strings.NewReplacer("events", "event", "whys", "why", "countermeasures", "countermeasure", "other_sections", "section", "incident.", "", "_", " ", ".", " ").Replace(s)
	return strings.ToUpper(s[:1]) + s[1:]
}

// lintByInput groups the language notes by the form input they concern.
func lintByInput(p *hindsight.PostMortem) map[string][]string {
	out := map[string][]string{}
	for _, f := range lint.CheckPostMortem(p) {
		if f.Excerpt == "" {
			continue // completeness notes are shown on the page, not beside a field
		}
		name := inputName(f.Field)
		out[name] = append(out[name], "“"+f.Excerpt+"” "+f.Message+". "+f.Suggestion)
	}
	return out
}
