package importer

import (
	"strings"
	"testing"

	"hindsight"
)

func TestMapSeverity(t *testing.T) {
	sevs := hindsight.DefaultPolicy().Severities
	for in, want := range map[string]string{"Critical": "SEV1", "sev 2": "SEV2", "SEV-3": "SEV3", "S4": "SEV4", "P0": "SEV1", "High": "SEV2", "minor": "SEV4", "Purple": "", "SEV9": ""} {
		if got := mapSeverity(in, sevs); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}

// TestImportFitsThePolicy: values that do not fit are mapped or kept as
// written, never a reason to refuse the document.
func TestImportFitsThePolicy(t *testing.T) {
	src := "# Outage\n\n**Status:** final<br>**Severity:** Purple<br>**Owners:** Ana\n\n## Summary\n\nIt broke.\n"
	d, err := Markdown([]byte(src), "outage.md", hindsight.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	p := d.PostMortem
	p.Normalize()
	if err := p.Validate(hindsight.DefaultPolicy()); err != nil {
		t.Fatalf("imported post-mortem does not validate: %v", err)
	}
	kept := p.OtherSections[len(p.OtherSections)-1]
	if p.Status != hindsight.StatusDraft || p.Severity != "" || p.Meeting.CreatedBy != "Ana" || !strings.Contains(kept.Body, "Purple") || !strings.Contains(kept.Body, "final") {
		t.Errorf("fit: status %q severity %q owners %q kept %+v", p.Status, p.Severity, p.Meeting.CreatedBy, p.OtherSections)
	}
	if !strings.Contains(strings.Join(d.Report.NotRecognised, "\n"), `"Purple"`) {
		t.Errorf("report: %+v", d.Report)
	}
}
