package lint

import (
	"fmt"
	"regexp"
	"strings"

	"hindsight"
	"hindsight/internal/markdown"
)

// CheckText runs the language and pasted-text rules over a text; line and
// column are within it.
func CheckText(text string) []Finding {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	ign := ignores(lines)
	var out []Finding
	for i, l := range lines {
		checkLanguage(l, i+1, ign[i], func(f Finding) { out = append(out, f) })
	}
	checkPasted(lines, func(i int, rule string) bool { return ign[i].has(rule) }, func(i int, f Finding) {
		f.Line = i + 1
		out = append(out, f)
	})
	return out
}

// textField is one piece of prose in a post-mortem, by its JSON path.
type textField struct{ path, text string }

func textFields(p *hindsight.PostMortem) []textField {
	fs := []textField{{"title", p.Title}, {"description", p.Description}, {"additional_info", p.AdditionalInfo},
		{"remediation", p.Remediation}, {"summary", p.Summary}, {"root_cause", p.RootCause}}
	for i, e := range p.Events {
		fs = append(fs, textField{fmt.Sprintf("events[%d].text", i), e.Text}, textField{fmt.Sprintf("events[%d].effect", i), e.Effect})
	}
	for i, w := range p.Whys {
		fs = append(fs, textField{fmt.Sprintf("whys[%d].question", i), w.Question}, textField{fmt.Sprintf("whys[%d].answer", i), w.Answer})
	}
	for i, c := range p.Countermeasures {
		fs = append(fs, textField{fmt.Sprintf("countermeasures[%d].title", i), c.Title})
	}
	for i, s := range p.OtherSections {
		fs = append(fs, textField{fmt.Sprintf("other_sections[%d].body", i), s.Body})
	}
	return fs
}

// CheckPostMortem lints every text field of p and its completeness.
func CheckPostMortem(p *hindsight.PostMortem) []Finding {
	var out []Finding
	for _, f := range textFields(p) {
		for _, x := range CheckText(f.text) {
			x.Field = f.path
			out = append(out, x)
		}
	}
	return append(out, completeness(p)...)
}

// MaxSummaryWords and MaxSummarySentences bound a summary the guide would
// call "short and crisp".
const (
	MaxSummaryWords     = 60
	MaxSummarySentences = 3
)

var sentenceEnd = regexp.MustCompile(`[.!?](\s|$)`)

// completeness finds what a post-mortem lacks to measure it and follow it
// through.
func completeness(p *hindsight.PostMortem) []Finding {
	var out []Finding
	add := func(rule, field, msg, sug string) {
		out = append(out, Finding{Rule: rule, Field: field, Line: 1, Col: 1, Message: msg, Suggestion: sug})
	}
	if p.Severity == "" {
		add(RuleNoSeverity, "severity", "has no severity, so it is left out of the per-severity figures", "Set the severity the incident had at its worst.")
	}
	if p.Incident.DetectedAt == nil {
		add(RuleMissingDetect, "incident.detected_at", "has no detect time, so time to detect cannot be measured", "Add when the incident was first noticed — by an alert, a person or a customer.")
	}
	if len(p.Events) == 0 {
		add(RuleNoTimeline, "events", "has no timeline", "Record what happened, when, from every perspective: actions, their effects, investigation paths and resolution steps.")
	}
	for i, c := range p.Countermeasures {
		if c.Status == hindsight.CMDone || c.Status == hindsight.CMWontDo {
			continue
		}
		if c.Owner == "" {
			add(RuleNoOwner, fmt.Sprintf("countermeasures[%d].owner", i), fmt.Sprintf("countermeasure %q has no owner", c.Title), "Give it an owner, so somebody follows it through.")
		}
		if c.Due == nil {
			add(RuleNoDueDate, fmt.Sprintf("countermeasures[%d].due", i), fmt.Sprintf("countermeasure %q has no target date", c.Title), "Give it a target date: the guide asks for an implementation timeline.")
		}
	}
	words := len(strings.Fields(p.Summary))
	sentences := len(sentenceEnd.FindAllString(strings.TrimSpace(p.Summary), -1))
	if words > MaxSummaryWords || sentences > MaxSummarySentences {
		add(RuleLongSummary, "summary", fmt.Sprintf("is %d words in %d sentences; a short summary is at most %d words and %d sentences", words, sentences, MaxSummaryWords, MaxSummarySentences),
			"Keep the summary short and crisp; the details belong in the description and the timeline.")
	}
	return out
}

// CheckMarkdown lints a Markdown post-mortem line by line, so positions are
// exact in the file, and adds the completeness findings of what the import
// reads from it (placed at line 1). A detect time the timeline shows (an
// alert, a report) counts as stated. A file the import cannot read is a
// finding too, so it is never called clean.
func CheckMarkdown(src []byte) []Finding {
	var out []Finding
	if len(src) <= markdown.MaxSize {
		out = CheckText(string(src))
	}
	p, rep, err := markdown.Import(src, markdown.Options{})
	if err != nil {
		return append(out, Finding{Rule: RuleUnreadable, Line: 1, Col: 1, Message: "cannot be read as a post-mortem: " + err.Error(),
			Suggestion: "Split the document or remove what is not the post-mortem itself."})
	}
	p.Normalize()
	for _, f := range completeness(p) {
		if f.Rule == RuleMissingDetect && rep.Proposed.DetectedAt != nil {
			continue
		}
		f.Field = ""
		out = append(out, f)
	}
	return out
}
