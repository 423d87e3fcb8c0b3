package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLintCommand(t *testing.T) {
	dir := t.TempDir()
	dirty := filepath.Join(dir, "dirty.md")
	os.WriteFile(dirty, []byte("# Outage\n\n## Description\n\n> Severity: SEV2\n\nWe would have caught it with a canary.\n"), 0o644)
	code, out, _ := hs(t, "", "lint", dirty)
	if code != 1 || !strings.HasPrefix(out, dirty+":7:4: counterfactual: \"would have\"") {
		t.Fatalf("lint dirty: %d\n%s", code, out)
	}
	code, out, _ = hs(t, "", "lint", "--format", "json", dirty)
	var doc struct {
		Findings []struct {
			File, Rule string
			Line, Col  int
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 1 || doc.Findings[0].Rule != "counterfactual" || doc.Findings[0].Line != 7 {
		t.Fatalf("lint json: %d %v\n%s", code, err, out)
	}
	clean := filepath.Join(dir, "clean.md")
	os.WriteFile(clean, []byte("# Outage\n\n| Incident | Value |\n|---|---|\n\n## Timeline\n\n| Incident | Value |\n| --- | --- |\n| Start Time | 2026-03-10 09:42 UTC |\n| Detect Time | 2026-03-10 09:50 UTC |\n\n## Description\n\n> Severity: SEV2\n\nThe alert would fire after five minutes.\n\n## What happened\n\n- 09:42 UTC — Pool exhausted (Priya)\n"), 0o644)
	if code, out, _ := hs(t, "", "lint", clean); code != 0 || out != "" {
		t.Fatalf("lint clean: %d\n%s", code, out)
	}
	if code, _, errOut := hs(t, "", "lint", filepath.Join(dir, "missing.md")); code != 2 || !strings.Contains(errOut, "missing.md") {
		t.Fatalf("lint missing file: %d %q", code, errOut)
	}
}
