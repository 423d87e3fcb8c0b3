package markdown

import _ "embed"

//go:embed testdata/blank-template.md
var blankTemplate []byte

// BlankTemplate is the guide's template, byte for byte, for people who
// start a post-mortem in their editor.
func BlankTemplate() []byte { return append([]byte(nil), blankTemplate...) }

// The template's headings and hint lines, exactly as the guide writes them
// (note the trailing spaces after two headings).
const (
	headTimeline     = "## Timeline"
	headDescription  = "## Description"
	headWhatHappened = "## What happened "
	hintWhatHappened = "_(Bullet point list with timestamps)_"
	headAdditional   = "## Additional Info "
	hintAdditional   = "_(e.g. images, ! no logs, no stack traces)_"
	headRemediation  = "## Remediation"
	headBugTickets   = "## Bug Tickets"
	headSummary      = "## Short Summary"
	headTags         = "## Tags"

	// Sections after the template, for what it has no place for.
	headDetails         = "## Details"
	headWhys            = "## 5 Whys"
	headRootCause       = "## Root Cause"
	headCountermeasures = "## Countermeasures"
	headVerifications   = "### Verifications"
	headStakeholders    = "## Stakeholders"
)
