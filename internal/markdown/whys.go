package markdown

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hindsight"
)

// renderWhys writes the chain as a numbered list: the question in bold,
// the answer indented under it. A step that would not read back so is
// written with its exact value.
func renderWhys(b *strings.Builder, whys []hindsight.Why) {
	for i, w := range whys {
		n := strconv.Itoa(i+1) + ". "
		plain := n + "**" + w.Question + "**\n"
		if w.Answer != "" {
			plain += "   " + strings.ReplaceAll(w.Answer, "\n", "\n   ") + "\n"
		}
		if staysInSection(plain) && slices.Equal(parseWhys(strings.Split(plain, "\n")), []hindsight.Why{w}) {
			b.WriteString(plain)
		} else {
			b.WriteString(n + oneLine(w.Question) + " " + dataComment(w) + "\n")
		}
	}
}

var nestedWhyRe = regexp.MustCompile(`(?i)^(\*\*)?why\b`)

var (
	whyItemRe = regexp.MustCompile(`^\s*\d+[.)]\s+(.*)$`)
	boldRe    = regexp.MustCompile(`^\*\*(.*)\*\*$`)
)

// parseWhys reads a numbered list: each item's first line is the question
// (in bold when Render wrote it), indented lines under it the answer.
// "Why …? Because …" on one line is split at the question mark.
func parseWhys(lines []string) []hindsight.Why {
	var out []hindsight.Why
	for _, l := range lines {
		// A nested question ("   - Why did the lock stay? Because …") is the
		// next step of the chain.
		if t := strings.TrimSpace(listItemRe.ReplaceAllString(l, "")); isListItem(l) && strings.HasPrefix(l, " ") && nestedWhyRe.MatchString(t) {
			w := hindsight.Why{Question: t}
			if i := strings.Index(t, "? "); i >= 0 {
				w.Question, w.Answer = t[:i+1], strings.TrimSpace(t[i+2:])
			}
			out = append(out, w)
			continue
		}
		if m := whyItemRe.FindStringSubmatch(l); m != nil && !strings.HasPrefix(l, " ") {
			q := strings.TrimSpace(m[1])
			w := hindsight.Why{Question: q}
			if _, ok := takeData(q, &w); ok {
				out = append(out, w)
				continue
			}
			if bm := boldRe.FindStringSubmatch(q); bm != nil {
				w.Question = bm[1]
			} else if i := strings.Index(q, "? "); i >= 0 {
				w.Question, w.Answer = q[:i+1], strings.TrimSpace(q[i+2:])
			}
			out = append(out, w)
			continue
		}
		if len(out) > 0 && strings.TrimSpace(l) != "" {
			a := &out[len(out)-1].Answer
			line := strings.TrimPrefix(l, "   ")
			if *a == "" {
				*a = strings.TrimSpace(line)
			} else {
				*a += "\n" + line
			}
		}
	}
	return out
}
