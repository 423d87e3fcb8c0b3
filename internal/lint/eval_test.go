package lint

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// labelled is one sentence of the evaluation set and the rule that must
// flag it ("" when none may).
type labelled struct{ rule, text string }

func readEvalSet(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open("testdata/eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rule, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("eval.tsv: no tab in %q", line)
		}
		if rule == "-" {
			rule = ""
		}
		out = append(out, labelled{rule, strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(text)})
	}
	return out
}

// score is one rule's confusion counts.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestLintEval measures the language and pasted-text rules on the labelled
// set and keeps every rule at or above 90 % precision and 85 % recall, so
// the lint cannot regress. `make lint-eval` prints the table and misses.
func TestLintEval(t *testing.T) {
	set := readEvalSet(t)
	scores := map[string]*score{}
	get := func(r string) *score {
		if scores[r] == nil {
			scores[r] = &score{}
		}
		return scores[r]
	}
	flagged := 0
	var misses []string
	for _, s := range set {
		if s.rule != "" {
			flagged++
		}
		got := map[string]bool{}
		for _, f := range CheckText(s.text) {
			got[f.Rule] = true
		}
		want := map[string]bool{}
		for _, r := range strings.Split(s.rule, ",") {
			if r == "" {
				continue
			}
			want[r] = true
			if got[r] {
				get(r).tp++
			} else {
				get(r).fn++
				misses = append(misses, fmt.Sprintf("missed %s: %q", r, s.text))
			}
		}
		for r := range got {
			if !want[r] {
				get(r).fp++
				misses = append(misses, fmt.Sprintf("false %s: %q", r, s.text))
			}
		}
	}
	if len(set) < 300 || flagged*2 != len(set) {
		t.Errorf("the set has %d sentences, %d flagged: it needs at least 300, half of them flagged", len(set), flagged)
	}
	total := score{}
	var rows []string
	for _, r := range slices.Sorted(mapsKeys(scores)) {
		s := scores[r]
		total.tp, total.fp, total.fn = total.tp+s.tp, total.fp+s.fp, total.fn+s.fn
		rows = append(rows, fmt.Sprintf("%-16s %4d %4d %4d   %5.1f%%   %5.1f%%", r, s.tp, s.fp, s.fn, 100*s.precision(), 100*s.recall()))
		if s.precision() < 0.90 || s.recall() < 0.85 {
			t.Errorf("%s: precision %.1f%%, recall %.1f%%; the targets are 90%% and 85%%", r, 100*s.precision(), 100*s.recall())
		}
	}
	rows = append(rows, fmt.Sprintf("%-16s %4d %4d %4d   %5.1f%%   %5.1f%%", "all", total.tp, total.fp, total.fn, 100*total.precision(), 100*total.recall()))
	t.Logf("%d sentences (%d flagged)\nrule               TP   FP   FN   precision recall\n%s", len(set), flagged, strings.Join(rows, "\n"))
	if len(misses) > 0 {
		t.Logf("misses and false positives:\n%s", strings.Join(misses, "\n"))
	}
}

func mapsKeys(m map[string]*score) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
