package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/markdown"
)

// TestLanguage checks realistic sentences: those that regret, guess or
// judge are flagged with the right rule; those that describe the system,
// propose, or report someone's words are not.
func TestLanguage(t *testing.T) {
	dirty := []struct{ text, rule, excerpt string }{
		{"We would have caught this with a canary.", RuleCounterfactual, "would have"},
		{"The on-call engineer could have rolled back sooner.", RuleCounterfactual, "could have"},
		{"Someone should have checked the dashboard.", RuleCounterfactual, "should have"},
		{"If only the alert had been louder.", RuleCounterfactual, "If only"},
		{"We might have avoided the outage.", RuleCounterfactual, "might have"},
		{"It must have been the cache.", RuleCounterfactual, "must have"},
		{"The team shouldn't have deployed on Friday.", RuleCounterfactual, "shouldn't have"},
		{"Jonas could've paged the database team.", RuleCounterfactual, "could've"},
		{"We failed to notice the disk filling up.", RuleCounterfactual, "failed to"},
		{"After the deploy, Priya failed to check the dashboard.", RuleCounterfactual, "failed to"},
		{"Jonas failed to page the database team.", RuleCounterfactual, "failed to"},
		{"This was Jonas's fault.", RuleBlame, "Jonas's fault"},
		{"Root cause: human error.", RuleBlame, "human error"},
		{"A careless config change took checkout down.", RuleBlame, "careless"},
		{"The reviewer was negligent.", RuleBlame, "negligent"},
		{"He should have known the flag was global.", RuleBlame, "should have known"},
		{"Obviously the migration needed a lock timeout.", RuleBlame, "Obviously"},
		{"Nobody wants to blame the intern.", RuleBlame, "blame"},
		{"The release manager screwed up the ordering.", RuleBlame, "screwed up"},
		{"A sloppy review let it through.", RuleBlame, "sloppy"},
	}
	for _, d := range dirty {
		fs := CheckText(d.text)
		if len(fs) != 1 || fs[0].Rule != d.rule || fs[0].Excerpt != d.excerpt || fs[0].Message == "" || fs[0].Suggestion == "" {
			t.Errorf("%q: got %+v, want one %s on %q", d.text, fs, d.rule, d.excerpt)
		}
	}
	clean := []string{
		"The alert would fire after 5 minutes.",
		"The retry would back off to 30 s before giving up.",
		"We could have the on-call rota reviewed by the SRE guild.",
		"The job failed to start because the secret was missing.",
		"The health check failed to connect to the replica.",
		"Deploy failed to roll out to the second region.",
		"Requests failed for 83 minutes.",
		"The deploy went out without a canary because the pipeline had none.",
		"The gateway could not open more than 8 connections.",
		"Support said \"the customer would have paid twice\" in the ticket.",
		"Priya wrote: “we should have rolled back” in the channel at 10:12.",
		"> I could have sworn the flag was off.",
		"The fault injection test passed.",
		"Default timeout is 30 s; the client should retry twice.",
		"Error budget burn was 4x for two hours.",
		"The pods were OOM-killed and restarted in a loop.",
		"Nothing in the pipeline showed the effect of the change.",
		"The blameless review found three contributing factors.",
		"Why did it make sense at the time? The dashboard showed green.",
		"- 09:40 UTC — Configuration change deployed (Jonas Weber)",
		"The cache should be warmed before traffic shifts.",
	}
	for _, c := range clean {
		if fs := CheckText(c); len(fs) != 0 {
			t.Errorf("%q flagged: %+v", c, fs)
		}
	}
}

func TestSampleIsClean(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "markdown", "testdata", "checkout-payment-timeouts.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range CheckMarkdown(src) {
		if f.Rule == RuleCounterfactual || f.Rule == RuleBlame || f.Rule == RuleStackTrace || f.Rule == RulePastedLog {
			t.Errorf("the guide's sample is flagged: %+v", f)
		}
	}
}

func TestPastedLogsAndTraces(t *testing.T) {
	tests := []struct{ name, text, rule string }{
		{"go", "panic: runtime error: invalid memory address\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d", RuleStackTrace},
		{"java", "Exception in thread \"main\" java.lang.NullPointerException\n\tat com.shop.Cart.save(Cart.java:42)\n\tat com.shop.Api.handle(Api.java:17)", RuleStackTrace},
		{"python", "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    main()\nKeyError: 'id'", RuleStackTrace},
		{"javascript", "TypeError: x is undefined\n    at render (app.js:10:5)\n    at main (app.js:20:3)", RuleStackTrace},
		{"log run", "2026-03-10T09:42:01Z ERROR pool exhausted\n2026-03-10T09:42:02Z ERROR pool exhausted\n2026-03-10T09:42:03Z WARN retrying", RulePastedLog},
		{"syslog", "Mar 10 09:42:01 web-1 nginx[123]: upstream timed out\nMar 10 09:42:02 web-1 nginx[123]: upstream timed out\nMar 10 09:42:03 web-1 nginx[123]: upstream timed out", RulePastedLog},
	}
	for _, tt := range tests {
		fs := CheckText(tt.text)
		// A JavaScript trace is recognised by its first frame, the line
		// after the error message.
		line := 1
		if tt.name == "javascript" {
			line = 2
		}
		if len(fs) != 1 || fs[0].Rule != tt.rule || fs[0].Line != line {
			t.Errorf("%s: got %+v, want one %s on line %d", tt.name, fs, tt.rule, line)
		}
	}
	timeline := "- 09:40 UTC — Deploy starts (Jonas)\n- 09:42 UTC — Latency rises (dashboards)\n- 09:51 UTC — First report (Support)\n- 09:58 UTC — Alert pages on-call (Priya)"
	if fs := CheckText(timeline); len(fs) != 0 {
		t.Errorf("a timeline is not a log: %+v", fs)
	}
	if fs := CheckText("2026-03-10T09:42:01Z ERROR one"); len(fs) != 0 {
		t.Errorf("one log line quoted is fine: %+v", fs)
	}
	if fs := CheckText("2026-03-10T09:42:01Z ERROR one\n2026-03-10T09:42:02Z ERROR two"); len(fs) != 1 || fs[0].Rule != RulePastedLog {
		t.Errorf("two log lines are a pasted log: %+v", fs)
	}
}

func TestPositionsAndSilencing(t *testing.T) {
	src := "# Title\n\nFine line.\nThe team should have known. <!-- hindsight-lint-ignore counterfactual -->\n<!-- hindsight-lint-ignore -->\nA careless change.\nAnd then we could have waited.\n"
	fs := CheckText(src)
	if len(fs) != 2 {
		t.Fatalf("got %+v", fs)
	}
	// "should have known" is silenced only for counterfactuals, so the
	// blame in it is still reported on line 4; line 6 is silenced
	// whole; line 7 is reported where the words are.
	if fs[0].Rule != RuleBlame || fs[0].Line != 4 {
		t.Errorf("first finding %+v", fs[0])
	}
	if fs[1].Rule != RuleCounterfactual || fs[1].Line != 7 || fs[1].Col != strings.Index("And then we could have waited.", "could have")+1 {
		t.Errorf("second finding %+v", fs[1])
	}
}

func TestCompleteness(t *testing.T) {
	p := &hindsight.PostMortem{
		Title:           "Outage",
		Summary:         strings.Repeat("word ", 70),
		Countermeasures: []hindsight.Countermeasure{{Title: "Add alert", Status: hindsight.CMOpen}, {Title: "Done one", Status: hindsight.CMDone}},
	}
	got := map[string]string{}
	for _, f := range CheckPostMortem(p) {
		got[f.Rule] = f.Field
	}
	want := map[string]string{RuleNoSeverity: "severity", RuleMissingDetect: "incident.detected_at", RuleNoTimeline: "events",
		RuleNoOwner: "countermeasures[0].owner", RuleNoDueDate: "countermeasures[0].due", RuleLongSummary: "summary"}
	for rule, field := range want {
		if got[rule] != field {
			t.Errorf("%s on %q, want %q (all: %v)", rule, got[rule], field, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("unexpected findings %v", got)
	}
	p.Events = []hindsight.Event{{Text: "We should have rolled back."}}
	for _, f := range CheckPostMortem(p) {
		if f.Rule == RuleCounterfactual && f.Field != "events[0].text" {
			t.Errorf("finding in the wrong field: %+v", f)
		}
	}
}

func FuzzCheckText(f *testing.F) {
	f.Add("We would have known.\n<!-- hindsight-lint-ignore blame -->\n“quoted” \"x")
	f.Add("goroutine 1 [running]:\n2026-03-10T09:42:01Z ERROR x\n2026-03-10T09:42:01Z ERROR x\n2026-03-10T09:42:01Z ERROR x")
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
		for _, x := range CheckText(s) {
			if x.Line < 1 || x.Line > len(lines) || x.Col < 1 || x.Col > len(lines[x.Line-1])+1 {
				t.Fatalf("finding outside the input: %+v", x)
			}
		}
	})
}

func BenchmarkCheckPostMortem(b *testing.B) {
	p := &hindsight.PostMortem{Title: "t", Summary: "A short summary.", Description: strings.Repeat("The pool ran out of connections while requests queued. ", 50)}
	for i := range 200 {
		p.Events = append(p.Events, hindsight.Event{Text: "Step " + strings.Repeat("x", i%20) + " the alert would fire after five minutes", Effect: "Investigation continues"})
	}
	for b.Loop() {
		CheckPostMortem(p)
	}
}

// TestMarkdownCompletenessReadsOtherShapes: a document that states its
// detect time in a metadata line, or shows it in its timeline, and has a
// timeline in another shape, draws no completeness findings for them; a
// file too large to read is never clean.
func TestMarkdownCompletenessReadsOtherShapes(t *testing.T) {
	stated := "# Outage\n\n**Severity:** SEV2<br>**Detected:** 2026-03-10 09:58 UTC\n\n## Chronology\n\n| Time (UTC) | Event |\n|---|---|\n| 2026-03-10 09:42 | Pool shrinks |\n"
	shown := "# Outage\n\nSeverity: SEV2\n\n## Timeline\n\n- **2026-03-10 09:42 UTC** - Pool shrinks\n- **09:58 UTC** - Alert pages the on-call engineer\n"
	for name, doc := range map[string]string{"stated": stated, "shown": shown} {
		for _, f := range CheckMarkdown([]byte(doc)) {
			if f.Rule == RuleMissingDetect || f.Rule == RuleNoTimeline || f.Rule == RuleNoSeverity {
				t.Errorf("%s: %s fired on a document that has it", name, f.Rule)
			}
		}
	}
	huge := make([]byte, markdown.MaxSize+1)
	if fs := CheckMarkdown(huge); len(fs) == 0 || fs[len(fs)-1].Rule != RuleUnreadable {
		t.Errorf("an unreadable file: %+v", fs)
	}
}
