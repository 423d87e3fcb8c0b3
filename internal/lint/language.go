package lint

import (
	"regexp"
	"strings"
)

// phraseRule finds words the guide asks writers to avoid.
type phraseRule struct {
	rule       string
	re         *regexp.Regexp
	message    string
	suggestion string
	// keep, when set, decides from the text before and after the match
	// whether it really is a finding.
	keep func(before, after string) bool
}

var phraseRules = []phraseRule{
	{RuleBlame, regexp.MustCompile(`(?i)\b(should|could|would) have known\b|\b\w+'s fault\b|\bfault of\b|\bhuman error\b|\bcareless(ly|ness)?\b|\bnegligen(t|ce|tly)\b|\bsloppy\b|\bincompeten(t|ce)\b|\blazy\b|\bobviously\b|\bblam(e|ed|ing)\b|\bscrewed up\b|\bmessed up\b|\bstupid\b|\bdumb\b|\breckless(ly)?\b|\bdidn't bother\b|\bshould have been more careful\b`),
		"judges a person instead of describing what happened; people who fear blame stop telling the details everyone learns from",
		"Describe the action and the situation that made it sensible at the time: \"the deploy went out without a canary because the pipeline had none\".", nil},
	{RuleCounterfactual, regexp.MustCompile(`(?i)\bif only\b`),
		"wishes for a past that did not happen; the guide asks to be specific, not to guess",
		"Say what did happen and what the system made sensible at the time.", nil},
	{RuleCounterfactual, regexp.MustCompile(`(?i)\b(would|could|should|might|must|ought to)(n't| not)? have\b|\b(would|could|should|might|must)(n't)?'ve\b`),
		"speculates about a past that did not happen (\"would have\"/\"could have\"); the guide asks to be specific, not to guess",
		"Say what did happen and what the system made sensible at the time, in terms of the system that exists.", notCausative},
	{RuleCounterfactual, regexp.MustCompile(`(?i)\bfail(ed|s)? to\b`),
		"\"failed to\" frames a person's action as a failure",
		"Say what was done and what was not, and why that made sense then: \"the alert was not acknowledged because the pager was muted for maintenance\".",
		personBefore},
}

var (
	pronounRe  = regexp.MustCompile(`(?i)\b(i|we|he|she|they|you|someone|somebody|nobody|engineer|engineers|developer|developers|operator|on-call|oncall|team|reviewer|sre)\s*$`)
	nameBefore = regexp.MustCompile(`[a-z,;:]\s+([A-Z][a-z]+)(\s+[A-Z][a-z]+)?\s*$`)
)

// causativeAfter matches "have" followed by an object ("we could have the
// rota reviewed"): a proposal, not a regret about the past.
var causativeAfter = regexp.MustCompile(`(?i)^\s+(the|a|an|this|that|these|those|our|their|his|her|my|your|its|it|them|someone|somebody|everyone|one of)\b`)

func notCausative(_, after string) bool { return !causativeAfter.MatchString(after) }

// firstWordRe is a single capitalised word opening the sentence.
var firstWordRe = regexp.MustCompile(`^\s*([A-Z][a-z]+)\s*$`)

// systemNouns are sentence-opening words that name a part of the system,
// not a person ("Deploy failed to roll out").
var systemNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields("it this that deploy deployment job build pipeline service server request requests query migration alert alerting check process node pod container script test cron backup rollout rollback release upgrade update write read cache database system monitoring replication failover certificate") {
		systemNouns[w] = true
	}
}

// personBefore reports whether the words before "failed to" name a person:
// a pronoun or role, a capitalised name inside a sentence, or a name
// opening it.
func personBefore(before, _ string) bool {
	if m := firstWordRe.FindStringSubmatch(before); m != nil {
		return !systemNouns[strings.ToLower(m[1])]
	}
	return pronounRe.MatchString(before) || nameBefore.MatchString(before)
}

// checkLanguage runs the phrase rules over one line, skipping quoted
// speech, and appends findings at (line, col).
func checkLanguage(line string, lineNo int, ignore ignoreSet, add func(Finding)) {
	if strings.HasPrefix(strings.TrimSpace(line), ">") {
		return
	}
	quoted := quotedSpans(line)
	taken := [][2]int{}
	for _, r := range phraseRules {
		if ignore.has(r.rule) {
			continue
		}
		for _, m := range r.re.FindAllStringIndex(line, -1) {
			if inSpans(m[0], quoted) || overlaps(m, taken) {
				continue
			}
			if r.keep != nil && !r.keep(line[:m[0]], line[m[1]:]) {
				continue
			}
			taken = append(taken, [2]int{m[0], m[1]})
			add(Finding{Rule: r.rule, Line: lineNo, Col: m[0] + 1, Excerpt: line[m[0]:m[1]], Message: r.message, Suggestion: r.suggestion})
		}
	}
}

// quotedSpans finds text inside straight or curly double quotes.
func quotedSpans(line string) [][2]int {
	var spans [][2]int
	open := -1
	for i, r := range line {
		switch {
		case r == '“':
			open = i
		case r == '”' && open >= 0:
			spans = append(spans, [2]int{open, i})
			open = -1
		case r == '"' && open < 0:
			open = i
		case r == '"':
			spans = append(spans, [2]int{open, i})
			open = -1
		}
	}
	return spans
}

func inSpans(pos int, spans [][2]int) bool {
	for _, s := range spans {
		if pos > s[0] && pos < s[1] {
			return true
		}
	}
	return false
}

func overlaps(m []int, taken [][2]int) bool {
	for _, t := range taken {
		if m[0] < t[1] && t[0] < m[1] {
			return true
		}
	}
	return false
}
