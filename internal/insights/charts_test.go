package insights

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/demo"
)

func demoReport() Report {
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var facts []hindsight.IncidentFacts
	for _, p := range demo.Generate(3, 300, now) {
		facts = append(facts, hindsight.IncidentFacts{Severity: p.Severity, StartedAt: p.Incident.StartedAt, DetectedAt: p.Incident.DetectedAt,
			EndedAt: p.Incident.EndedAt, MeetingDate: p.Meeting.Date, Countermeasures: p.Countermeasures, CreatedAt: now})
	}
	return Compute(facts, []string{"SEV1", "SEV2", "SEV3", "SEV4"}, now)
}

// TestChartsAreSVG renders every chart: each is well-formed XML with an
// <svg> root and carries its series' names.
func TestChartsAreSVG(t *testing.T) {
	r := demoReport()
	want := map[string][]string{"durations": {"time to resolve (MTTR)", "time to detect"}, "severity": {"SEV1", "SEV4"}, "followthrough": {"opened", "done"}}
	for _, name := range Charts {
		svg, err := Chart(r, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		dec := xml.NewDecoder(bytes.NewReader(svg))
		root := ""
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Local
			}
		}
		if root != "svg" {
			t.Errorf("%s root is %q", name, root)
		}
		for _, w := range want[name] {
			if !strings.Contains(string(svg), w) {
				t.Errorf("%s lacks the series %q", name, w)
			}
		}
	}
	if _, err := Chart(r, "nope"); err == nil {
		t.Error("an unknown chart was drawn")
	}
	if _, err := Chart(Compute(nil, nil, time.Now()), "severity"); err != nil {
		t.Errorf("an empty report must still draw: %v", err)
	}
}

func TestCSV(t *testing.T) {
	r := demoReport()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r, ""); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(r.Months)+2 || rows[0][0] != "month" || rows[len(rows)-1][0] != "total" {
		t.Fatalf("%d rows, head %v", len(rows), rows[0])
	}
	for _, row := range rows {
		if len(row) != len(rows[0]) {
			t.Fatalf("ragged row %v", row)
		}
	}
	if rows[len(rows)-1][1] != "300" {
		t.Errorf("total incidents %q", rows[len(rows)-1][1])
	}
}

func TestCSVPerChart(t *testing.T) {
	r := demoReport()
	want := map[string]string{
		"durations":     "month,mttd_mean_min,mttd_median_min,mttd_incidents,mttr_mean_min,mttr_median_min,mttr_incidents",
		"severity":      "month,incidents,incidents_SEV1,incidents_SEV2,incidents_SEV3,incidents_SEV4",
		"followthrough": "month,countermeasures_opened,countermeasures_done,countermeasures_overdue,share_done_by_target",
	}
	for chart, head := range want {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, r, chart); err != nil {
			t.Fatal(err)
		}
		if got := strings.SplitN(buf.String(), "\n", 2)[0]; got != head {
			t.Errorf("%s: head %q, want %q", chart, got, head)
		}
	}
	if err := WriteCSV(io.Discard, r, "pie"); err == nil {
		t.Error("an unknown chart was written")
	}
}
