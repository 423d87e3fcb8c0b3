// Package lint points out language that works against a blameless
// post-mortem — counterfactuals ("would have", "could have"), blame and
// judgement, pasted logs and stack traces — and gaps in completeness. One
// rule set serves the command line, the API and the web UI, where its
// findings are warnings that never block saving.
//
// # Telling a counterfactual from a description
//
// "The alert would fire after 5 minutes" describes how the system works;
// "we would have caught it" regrets a past that did not happen. The rules
// flag a modal verb only when it is followed by "have" (or "'ve") — the
// perfect infinitive that English uses for unreal pasts — plus "if only".
// "Failed to" is flagged only when a person is its subject ("Jonas failed
// to check", "we failed to notice"); "the job failed to start" describes
// the system and is left alone.
//
// # Quotes and silencing
//
// Words inside double quotes ("…" or “…”) and in block quotes ("> …") are
// somebody's words being reported, not the writer's, so the language
// rules skip them. A rule is silenced for one line by a comment at the end
// of that line or alone on the line before it:
//
//	<!-- hindsight-lint-ignore -->                      every rule
//	<!-- hindsight-lint-ignore counterfactual blame --> the named rules
package lint

// Finding is one blameless-language or completeness problem.
type Finding struct {
	Rule       string `json:"rule"`
	Field      string `json:"field,omitempty"` // JSON path in a post-mortem; "" for Markdown input
	Line       int    `json:"line"`            // 1-based, in the file or the field's text
	Col        int    `json:"col"`             // 1-based, in bytes
	Excerpt    string `json:"excerpt"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// The rules.
const (
	RuleCounterfactual = "counterfactual"
	RuleBlame          = "blame"
	RuleStackTrace     = "stack-trace"
	RulePastedLog      = "pasted-log"
	RuleMissingDetect  = "missing-detect-time"
	RuleNoTimeline     = "no-timeline"
	RuleNoOwner        = "countermeasure-owner"
	RuleNoDueDate      = "countermeasure-target-date"
	RuleLongSummary    = "long-summary"
	RuleNoSeverity     = "no-severity"
	RuleUnreadable     = "unreadable"
)
