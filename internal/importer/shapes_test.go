package importer

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestShapesGolden imports documents written in the shapes real
// post-mortems take (our own writing, see testdata/corpus-sources.tsv for
// the real ones) and compares what they become — the post-mortem and the
// report — with golden files checked by hand.
func TestShapesGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "shapes", "*.md"))
	if len(files) < 6 {
		t.Fatalf("only %d shapes", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Markdown(src, filepath.Base(f), hindsight.DefaultPolicy())
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		p := d.PostMortem
		p.Normalize()
		if err := p.Validate(hindsight.DefaultPolicy()); err != nil {
			t.Errorf("%s does not validate: %v", f, err)
		}
		for i := range p.Countermeasures {
			p.Countermeasures[i].ID = ""
		}
		got, _ := json.MarshalIndent(map[string]any{"postmortem": p, "report": d.Report}, "", "  ")
		golden := strings.TrimSuffix(f, ".md") + ".golden.json"
		if *update {
			os.WriteFile(golden, append(got, '\n'), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if string(want) != string(got)+"\n" {
			t.Errorf("%s differs from %s (go test -update rewrites it)\n%s", f, golden, got)
		}
	}
}
