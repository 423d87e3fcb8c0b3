package markdown

import (
	"strings"
	"testing"
	"time"

	"hindsight"
)

// TestFormValuesRoundTrip: values seen going wrong come back from export
// and re-import exactly — a perspective with parentheses, two-line event
// text, CRLF from a text area, text that looks like Markdown structure.
func TestFormValuesRoundTrip(t *testing.T) {
	at := time.Date(2026, 3, 10, 9, 42, 0, 0, time.UTC)
	p := &hindsight.PostMortem{Title: "C#", Description: "Line one\r\nline two\r\n## Not a section",
		Incident: hindsight.Incident{StartedAt: &at},
		Events: []hindsight.Event{
			{At: &at, ReportedBy: "Ben Okafor (payments dev)", Text: "Pool **degraded**\r\nsecond line"},
			{At: &at, ReportedBy: "Mei Lin", Text: "Restarted (again)"},
			{Text: "Restarted (again)"},
			{Text: "09:40 is when it began", ReportedBy: "Ana (SRE"},
		},
		Meeting:  hindsight.Meeting{Contact: "<Name>", CreatedBy: "a | b <br> c"},
		Tags:     []string{"#hash", "- dash"},
		Whys:     []hindsight.Why{{Question: "Why?", Answer: "# not a heading"}},
		Services: []string{"<svc>"},
	}
	p.Normalize()
	out := Render(p)
	if strings.Contains(string(out), "\r") {
		t.Errorf("the export holds a CR:\n%q", out)
	}
	if !strings.Contains(string(out), "- 09:42 UTC — Pool **degraded**\n  second line (Ben Okafor (payments dev))\n") {
		t.Errorf("the two-line event is not written as a readable bullet:\n%s", out)
	}
	back := parseValid(t, out)
	if want, got := comparable(t, p), comparable(t, back); want != got {
		t.Fatalf("round trip changed the post-mortem\n%s\nrendered:\n%s", firstDifference(want, got), out)
	}
}

// TestPerspectiveWithParentheses reads a hand-written bullet whose
// perspective has parentheses of its own.
func TestPerspectiveWithParentheses(t *testing.T) {
	p := parseValid(t, []byte("# T\n\n## What happened\n\n- 2026-03-10 09:40 UTC — Retried the payment (twice) (Ben Okafor (payments dev))\n"))
	if e := p.Events[0]; e.ReportedBy != "Ben Okafor (payments dev)" || e.Text != "Retried the payment (twice)" {
		t.Errorf("event %+v", e)
	}
}
