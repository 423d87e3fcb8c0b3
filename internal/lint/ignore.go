package lint

import (
	"regexp"
	"strings"
)

var ignoreRe = regexp.MustCompile(`<!--\s*hindsight-lint-ignore((?:\s+[a-z-]+)*)\s*-->`)

// ignoreSet is the rules silenced on a line; all is true when every rule
// is.
type ignoreSet struct {
	all   bool
	rules map[string]bool
}

func (s ignoreSet) has(rule string) bool { return s.all || s.rules[rule] }

// ignores reads the silencing comments: one at the end of a line applies
// to it, one alone on a line to the next line.
func ignores(lines []string) []ignoreSet {
	out := make([]ignoreSet, len(lines))
	for i, l := range lines {
		m := ignoreRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		set := ignoreSet{rules: map[string]bool{}}
		if names := strings.Fields(m[1]); len(names) == 0 {
			set.all = true
		} else {
			for _, n := range names {
				set.rules[n] = true
			}
		}
		target := i
		if strings.TrimSpace(ignoreRe.ReplaceAllString(l, "")) == "" && i+1 < len(lines) {
			target = i + 1
		}
		out[target] = merge(out[target], set)
	}
	return out
}

func merge(a, b ignoreSet) ignoreSet {
	out := ignoreSet{all: a.all || b.all, rules: map[string]bool{}}
	for k := range a.rules {
		out.rules[k] = true
	}
	for k := range b.rules {
		out.rules[k] = true
	}
	return out
}
