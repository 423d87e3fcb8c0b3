package markdown

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/storetest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\ngot:\n%s", name, got)
	}
}

func parseValid(t *testing.T, src []byte) *hindsight.PostMortem {
	t.Helper()
	p, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	p.Normalize()
	if err := p.Validate(hindsight.DefaultPolicy()); err != nil {
		t.Fatalf("parsed post-mortem invalid: %v", err)
	}
	return p
}

// comparable is p's JSON without its identity, which a document does not
// carry (ids, versions, stored times, derived metrics).
func comparable(t *testing.T, p *hindsight.PostMortem) string {
	t.Helper()
	c := *p
	c.ID, c.Version, c.UpdatedBy = "", 0, ""
	c.CreatedAt, c.UpdatedAt = zeroTime, zeroTime
	c.Metrics = hindsight.Metrics{}
	c.Countermeasures = append([]hindsight.Countermeasure(nil), p.Countermeasures...)
	for i := range c.Countermeasures {
		c.Countermeasures[i].ID = ""
	}
	b, _ := json.MarshalIndent(&c, "", "  ")
	return string(b)
}

func TestSampleGolden(t *testing.T) {
	p := parseValid(t, readFile(t, "checkout-payment-timeouts.md"))
	for i := range p.Countermeasures {
		p.Countermeasures[i].ID = ""
	}
	b, _ := json.MarshalIndent(p, "", "  ")
	golden(t, "checkout-payment-timeouts.json", append(b, '\n'))
	golden(t, "checkout-payment-timeouts.rendered.md", Render(p))
}

// TestSampleValues checks the sample's values field by field, so the golden
// file cannot silently enshrine a misreading.
func TestSampleValues(t *testing.T) {
	p := parseValid(t, readFile(t, "checkout-payment-timeouts.md"))
	checks := []struct{ name, got, want string }{
		{"title", p.Title, "Checkout payments timed out after connection pool change"},
		{"meeting date", formatTime(*p.Meeting.Date), "2026-03-12 14:00 UTC"},
		{"contact", p.Meeting.Contact, "Priya Raman"},
		{"created by", p.Meeting.CreatedBy, "Jonas Weber"},
		{"facilitated by", p.Meeting.FacilitatedBy, "Amara Okafor"},
		{"start", formatTime(*p.Incident.StartedAt), "2026-03-10 09:42 UTC"},
		{"end", formatTime(*p.Incident.EndedAt), "2026-03-10 11:05 UTC"},
		{"detect", formatTime(*p.Incident.DetectedAt), "2026-03-10 09:58 UTC"},
		{"additional 0", p.Incident.AdditionalTimes[0].Label + "=" + formatTime(p.Incident.AdditionalTimes[0].At), "First User Report=2026-03-10 09:51 UTC"},
		{"additional 1", p.Incident.AdditionalTimes[1].Label + "=" + formatTime(p.Incident.AdditionalTimes[1].At), "Hotfix=2026-03-10 10:47 UTC"},
		{"severity", p.Severity, "SEV2"},
		{"description", strings.SplitN(p.Description, "\n", 2)[0], "- Card payments in checkout failed for 83 minutes; about 18% of payment attempts returned a timeout."},
		{"events", itoa(len(p.Events)), "8"},
		{"event 0 time", formatTime(*p.Events[0].At), "2026-03-10 09:40 UTC"},
		{"event 0 text", p.Events[0].Text, "Configuration change lowering the gateway pool size is deployed to all regions"},
		{"event 0 reporter", p.Events[0].ReportedBy, "Jonas Weber"},
		{"event 1 reporter", p.Events[1].ReportedBy, "dashboards, seen later"},
		{"event 4 kind", string(p.Events[4].Kind), "investigation"},
		{"event 4 text", p.Events[4].Text, "gateway status page shows no incident; gateway ruled out"},
		{"event 6 text", p.Events[6].Text, "Hotfix: pool size restored to 64 and deployed"},
		{"additional info", p.AdditionalInfo, "- Dashboard screenshot of pool saturation attached as pool-saturation.png"},
		{"remediation", p.Remediation, "- Restore the pool size to 64 (done at 10:47 UTC)\n- Add a saturation alert on the gateway connection pool"},
		{"tickets", renderTickets(p.BugTickets), "PAY-1423, PAY-1427"},
		{"summary", p.Summary[:40], "A configuration change shrank the paymen"},
		{"tags", strings.Join(p.Tags, "|"), "payments|checkout|configuration|connection-pool"},
		{"status", string(p.Status), "draft"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	m := p.ComputeMetrics()
	if *m.TimeToDetectSeconds != 16*60 || *m.TimeToResolveSeconds != 83*60 {
		t.Errorf("metrics %v %v", *m.TimeToDetectSeconds, *m.TimeToResolveSeconds)
	}
}

// TestSampleRendersBack checks export(import(f)) reproduces the sample's
// lines: every line of the sample appears in the output, apart from
// table padding.
func TestSampleRendersBack(t *testing.T) {
	src := string(readFile(t, "checkout-payment-timeouts.md"))
	out := string(Render(parseValid(t, []byte(src))))
	squash := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	outLines := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		outLines[squash(l)] = true
	}
	for i, l := range strings.Split(src, "\n") {
		if !outLines[squash(l)] && !strings.HasPrefix(l, "| ---") {
			t.Errorf("line %d of the sample is not reproduced: %q", i+1, l)
		}
	}
	if !strings.HasPrefix(out, src[:strings.Index(src, "|")]) {
		t.Error("the output does not start like the sample")
	}
}

func TestRoundTripFull(t *testing.T) {
	p := storetest.Full()
	p.Normalize()
	if err := p.Validate(hindsight.DefaultPolicy()); err != nil {
		t.Fatal(err)
	}
	back := parseValid(t, Render(p))
	if got, want := comparable(t, back), comparable(t, p); got != want {
		t.Fatalf("Parse(Render(p)) differs\nwant %s\ngot  %s\nmarkdown:\n%s", want, got, Render(p))
	}
}

// TestBlankTemplateImportsWithAReport: even the unfilled template is
// never rejected; the title is the file name, and the report says so.
func TestBlankTemplateImportsWithAReport(t *testing.T) {
	if string(BlankTemplate()) != string(readFile(t, "blank-template.md")) {
		t.Fatal("BlankTemplate is not the guide's template")
	}
	p, rep, err := Import(BlankTemplate(), Options{Name: "notes/blank-template.md"})
	if err != nil || p.Title != "blank template" || !strings.Contains(strings.Join(rep.Assumed, "\n"), "file name") {
		t.Fatalf("Import(blank template) = %q %+v %v", p.Title, rep, err)
	}
	if p, _ := Parse(BlankTemplate()); p.Title != untitled {
		t.Errorf("without a file name the title is %q", p.Title)
	}
}

var zeroTime = storetest.Full().CreatedAt
