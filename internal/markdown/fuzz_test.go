package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"hindsight"
)

func seedCorpus(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("# T\n\n## What happened\n\n- 23:59 — a\n- 00:01 — b (c)\n"))
	f.Add([]byte("T\n===\n\nx\n---\n\n| a | b |\n| - | - |\n| \\| | <br> |\n"))
}

// FuzzParse: no input makes Parse panic, and every failure is a
// ValidationError naming a field.
func FuzzParse(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse(src)
		if err != nil {
			var v *hindsight.ValidationError
			if !errors.As(err, &v) || len(v.Fields) == 0 {
				t.Fatalf("Parse error %v is not a ValidationError with fields", err)
			}
			return
		}
		p.Normalize()
		_ = p.Validate(hindsight.DefaultPolicy())
		Render(p)
	})
}

// FuzzRoundTrip: whatever Parse reads and the domain accepts survives
// Render and Parse unchanged.
func FuzzRoundTrip(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse(src)
		if err != nil {
			return
		}
		p.Normalize()
		if p.Validate(hindsight.DefaultPolicy()) != nil {
			return
		}
		out := Render(p)
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Render(p)) failed: %v\ninput:\n%s\nrendered:\n%s", err, src, out)
		}
		back.Normalize()
		if a, b := comparable(t, p), comparable(t, back); a != b {
			t.Fatalf("round trip changed the post-mortem\ninput:\n%q\nrendered:\n%s\nbefore %s\nafter  %s", src, out, a, b)
		}
	})
}
