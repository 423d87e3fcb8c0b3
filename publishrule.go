package hindsight

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// PublishRule says how many approvals a post-mortem of some severities
// needs before it may be published. The guide asks for a review before
// announcing; the organisation decides how strict, per severity.
type PublishRule struct {
	// Severities the rule covers; empty covers every severity no other
	// rule names ("*").
	Severities []string `json:"severities"`
	// Approvals is how many reviewers must approve (each counted once,
	// by their latest verdict, none of them still asking for changes).
	Approvals int `json:"approvals"`
	// OtherThanAuthor leaves the author's own approval out of the count.
	OtherThanAuthor bool `json:"other_than_author"`
}

// String writes the rule the way it is configured.
func (r PublishRule) String() string {
	sev := "*"
	if len(r.Severities) > 0 {
		sev = strings.Join(r.Severities, ",")
	}
	s := fmt.Sprintf("%s need %d approval", sev, r.Approvals)
	if r.Approvals != 1 {
		s += "s"
	}
	if r.OtherThanAuthor {
		s += " from someone other than the author"
	}
	return s
}

// DefaultPublishRules is SEV1 and SEV2 needing one approval from someone
// other than the author, and nothing for the rest.
const DefaultPublishRules = "SEV1,SEV2 need 1 approval from someone other than the author"

var publishRuleRE = regexp.MustCompile(`^(\S+)\s+needs?\s+(\d+)\s+approvals?(\s+from\s+someone\s+other\s+than\s+the\s+author)?$`)

// ParsePublishRules reads rules separated by ";", each
// "SEV1,SEV2 need 1 approval from someone other than the author" (or "*
// need 0 approvals" for the rest). "" and "none" mean no rule: anybody
// who may edit a post-mortem may publish it.
func ParsePublishRules(s string) ([]PublishRule, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return nil, nil
	}
	var out []PublishRule
	for _, part := range strings.Split(s, ";") {
		part = strings.Join(strings.Fields(part), " ")
		if part == "" {
			continue
		}
		m := publishRuleRE.FindStringSubmatch(strings.ToLower(part))
		if m == nil {
			return nil, fmt.Errorf("%q is not like \"SEV1,SEV2 need 1 approval from someone other than the author\"", part)
		}
		n, err := strconv.Atoi(m[2])
		if err != nil || n > 20 {
			return nil, fmt.Errorf("%q: at most 20 approvals", part)
		}
		r := PublishRule{Approvals: n, OtherThanAuthor: m[3] != ""}
		if m[1] != "*" {
			// The severities keep the case they were written in.
			for _, sev := range strings.Split(strings.Fields(part)[0], ",") {
				if sev = strings.TrimSpace(sev); sev != "" {
					r.Severities = append(r.Severities, sev)
				}
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// PublishRule is the rule for a severity: the first that names it, else
// the one for every other severity, else none (no approvals needed).
func (p Policy) PublishRule(severity string) PublishRule {
	for _, r := range p.PublishRules {
		if slices.ContainsFunc(r.Severities, func(s string) bool { return strings.EqualFold(s, severity) }) {
			return r
		}
	}
	for _, r := range p.PublishRules {
		if len(r.Severities) == 0 {
			return r
		}
	}
	return PublishRule{}
}
