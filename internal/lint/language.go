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
	{RuleCounterfactual, regexp.MustCompile(`(?i)\b(in|with) hindsight\b|\bin retrospect\b|\blooking back\b`),
		"judges a decision with knowledge nobody had at the time (hindsight bias)",
		"Describe what the people involved knew and saw then, and why the action made sense to them.", nil},
	{RuleBlame, regexp.MustCompile(`(?i)\bshould have known\b|\b\w+'s fault\b|\bfault of\b|\bhuman error\b|\bcareless(ly|ness)?\b|\bnegligen(t|ce|tly)\b|\bsloppy\b|\bincompeten(t|ce)\b|\bobviously\b|\bscrewed up\b|\bmessed up\b|\bstupid\b|\bdumb\b|\breckless(ly)?\b|\bdidn't bother\b|\bshould have been more careful\b|` +
		`\bmisjudg(ed|es|ing|e?ment)\b|\b(our|my) bad\b|\bunacceptable\b|\binexcusable\b|\birresponsibl[ey]\b|\bunprofessional\b|\bembarrassing\b|\bpoor judg(e)?ment\b|\bbad (call|decision)\b|\brookie mistake\b|\b(is|are|was|were) to blame\b|\bsquarely on\b|\b(mistake|oversight) by\b|\b(was|were)(n't| not) paying attention\b`),
		"judges a person instead of describing what happened; people who fear blame stop telling the details everyone learns from",
		"Describe the action and the situation that made it sensible at the time: \"the deploy went out without a canary because the pipeline had none\".", nil},
	{RuleBlame, regexp.MustCompile(`(?i)\blazy\b`),
		"calls a person lazy instead of describing what happened",
		"Describe what was done and what made it sensible at the time.", notTechnicalLazy},
	{RuleBlame, regexp.MustCompile(`(?i)\bblam(e|ed|ing)\b`),
		"assigns blame instead of describing what happened",
		"Describe what happened and what made it sensible at the time.", notBlameless},
	{RuleBlame, regexp.MustCompile(`(?i)\b(forgot|forgets|forgotten|neglected|neglects|ignored|ignores|overlooked|overlooks)\b`),
		"frames what a person did not do as a personal failing",
		"Say what was not done and what made that likely: \"the renewal was a manual step with no reminder\".", personBefore},
	{RuleCounterfactual, regexp.MustCompile(`(?i)\bif only\b`),
		"wishes for a past that did not happen; the guide asks to be specific, not to guess",
		"Say what did happen and what the system made sensible at the time.", nil},
	{RuleCounterfactual, regexp.MustCompile(`(?i)\b(would|could|should|might|must|ought to)(n't| not)? have\b|\b(would|could|should|might|must)(n't)?'ve\b`),
		"speculates about a past that did not happen (\"would have\"/\"could have\"); the guide asks to be specific, not to guess",
		"Say what did happen and what the system made sensible at the time, in terms of the system that exists.", unrealPast},
	{RuleCounterfactual, regexp.MustCompile(`(?i)\bfail(ed|s)? to\b`),
		"\"failed to\" frames a person's action as a failure",
		"Say what was done and what was not, and why that made sense then: \"the alert was not acknowledged because the pager was muted for maintenance\".",
		personBefore},
}

var (
	pronounRe  = regexp.MustCompile(`(?i)\b(i|we|he|she|they|you|someone|somebody|nobody|whoever|engineer|engineers|developer|developers|dev|devs|operator|operators|on-call|oncall|team|reviewer|reviewers|sre|sres|dba|intern|contractor|responder|responders|admin|lead|manager|owner|author|ops)(\s+\w+ly)?\s*$`)
	nameBefore = regexp.MustCompile(`[a-z,;:]\s+([A-Z][a-z]+)(\s+[A-Z][a-z]+)?\s*$`)
)

// causativeAfter matches "have" followed by an object ("we could have the
// rota reviewed"): a proposal, not a regret about the past.
var causativeAfter = regexp.MustCompile(`(?i)^\s+(the|a|an|this|that|these|those|our|their|his|her|my|your|its|it|them|someone|somebody|everyone|one of)\b`)

func notCausative(_, after string) bool { return !causativeAfter.MatchString(after) }

// participleAfter is a past participle after "have" (with "not", "been"
// or an adverb between): the unreal past, "would have caught".
var participleAfter = regexp.MustCompile(`(?i)^(\s+(not|never|been|already|also|just|really|probably|easily|simply|all|\w+ly))*\s+([\w-]+(ed|en|wn|ne|ght|lt|pt|ft|un|ung|ade|id|ot|ept|ound|ew|ook|ood|eft|ent|ut|et|ad|ard|old|ame|ave|aw|oke|ote|ode|ose|ing|st)|been|run|come|become|put|let|set|hit|cut|hurt|shut|spread|split|seen|known|made|read|said)\b`)

// systemExpectation marks a sentence about what the system was built to
// do ("the reconciler should have restored it automatically"), not a
// regret about people.
var systemExpectation = regexp.MustCompile(`(?i)\bautomatically\b|\bby design\b|\bper (its|the) (configuration|config|design|schedule)\b|,\s*but (it|the \w+)\b`)

// unrealPast keeps "would have caught" and drops "would have no effect"
// (have as a main verb), "could have the rota reviewed" (causative) and
// a system's expected behaviour.
func unrealPast(before, after string) bool {
	if causativeAfter.MatchString(after) || !participleAfter.MatchString(after) {
		return false
	}
	return !(systemSubject(before) && systemExpectation.MatchString(before+after))
}

// systemSubject reports whether the sentence before a verb opens with a
// part of the system ("The reconciler", "The TTL").
func systemSubject(before string) bool {
	f := strings.Fields(strings.ToLower(before))
	if len(f) > 0 && (f[0] == "the" || f[0] == "a" || f[0] == "an" || f[0] == "our") {
		f = f[1:]
	}
	for _, w := range f {
		if systemNouns[strings.Trim(w, ",.")] {
			return true
		}
	}
	return false
}

var lazyTechnical = regexp.MustCompile(`(?i)^(-|\s+)(load|loaded|loading|loads|evaluat\w*|initiali[sz]\w*|render\w*|fetch\w*|import\w*|instantiat\w*|init\w*|compil\w*|replicat\w*|val\b|values?|iterator|sequence|stream|list)`)

// notTechnicalLazy drops "lazy-loaded", "lazy loading", "lazy evaluation":
// how software defers work, not a judgement of a person.
func notTechnicalLazy(_, after string) bool { return !lazyTechnical.MatchString(after) }

// notBlameless drops "blameless" and "blame-free", the practice itself.
func notBlameless(_, after string) bool {
	return !strings.HasPrefix(after, "less") && !strings.HasPrefix(strings.ToLower(after), "-free")
}

// firstWordRe is a single capitalised word opening the sentence.
var firstWordRe = regexp.MustCompile(`^\s*([A-Z][a-z]+)\s*$`)

// systemNouns are sentence-opening words that name a part of the system,
// not a person ("Deploy failed to roll out").
var systemNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields("it this that deploy deployment job build pipeline service server request requests query migration alert alerting check process node pod container script test cron backup rollout rollback release upgrade update write read cache database system monitoring replication failover certificate reconciler autoscaler ttl retry retries config configuration scheduler queue controller timer limit flag load balancer health proxy gateway worker workers daemon agent") {
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
	if strings.HasPrefix(strings.TrimSpace(line), ">") || isHeading(line) {
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

var boldQuestion = regexp.MustCompile(`^\s*(\*\*|__)[^*_]+\?(\*\*|__)\s*$`)

// isHeading reports whether a line is a heading — "## What could have gone
// better?" or a bold question on its own — which names a section of a
// retrospective rather than judging anything.
func isHeading(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "#") || boldQuestion.MatchString(t)
}
