package insights

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// column is one CSV column: its heading, the charts it belongs to, and its
// value for a row of figures.
type column struct {
	head   string
	charts []string
	value  func(Figures) string
}

func columns(severities []SeverityCount) []column {
	cols := []column{{"incidents", []string{"severity"}, func(f Figures) string { return strconv.Itoa(f.Incidents) }}}
	for i, s := range severities {
		cols = append(cols, column{"incidents_" + s.Severity, []string{"severity"}, func(f Figures) string {
			if i < len(f.BySeverity) {
				return strconv.Itoa(f.BySeverity[i].Count)
			}
			return "0"
		}})
	}
	dur := func(name, chart string, d func(Figures) Duration) []column {
		return []column{
			{name + "_mean_min", []string{chart}, func(f Figures) string { return minutes(d(f).MeanSeconds) }},
			{name + "_median_min", []string{chart}, func(f Figures) string { return minutes(d(f).MedianSeconds) }},
			{name + "_incidents", []string{chart}, func(f Figures) string { return strconv.Itoa(d(f).Count) }},
		}
	}
	cols = append(cols, dur("mttd", "durations", func(f Figures) Duration { return f.TimeToDetect })...)
	cols = append(cols, dur("mttr", "durations", func(f Figures) Duration { return f.TimeToResolve })...)
	cols = append(cols, dur("to_postmortem", "", func(f Figures) Duration { return f.TimeToMeeting })...)
	cm := func(name string, v func(CountermeasureFigures) string) column {
		return column{name, []string{"followthrough"}, func(f Figures) string { return v(f.Countermeasures) }}
	}
	return append(cols,
		cm("countermeasures_opened", func(c CountermeasureFigures) string { return strconv.Itoa(c.Opened) }),
		cm("countermeasures_done", func(c CountermeasureFigures) string { return strconv.Itoa(c.Done) }),
		cm("countermeasures_overdue", func(c CountermeasureFigures) string { return strconv.Itoa(c.Overdue) }),
		cm("share_done_by_target", func(c CountermeasureFigures) string {
			if c.ShareDoneByTarget == nil {
				return ""
			}
			return fmt.Sprintf("%.3f", *c.ShareDoneByTarget)
		}),
	)
}

// WriteCSV writes one row per month and a "total" row. With chart set to
// one of Charts it writes only that chart's numbers; with "" every figure.
// Durations are in minutes.
func WriteCSV(w io.Writer, r Report, chart string) error {
	if chart != "" && !slices.Contains(Charts, chart) {
		return fmt.Errorf("no chart %q", chart)
	}
	var cols []column
	for _, c := range columns(r.Total.BySeverity) {
		if chart == "" || slices.Contains(c.charts, chart) {
			cols = append(cols, c)
		}
	}
	cw := csv.NewWriter(w)
	head := []string{"month"}
	for _, c := range cols {
		head = append(head, c.head)
	}
	cw.Write(head)
	row := func(label string, f Figures) {
		rec := []string{label}
		for _, c := range cols {
			rec = append(rec, c.value(f))
		}
		cw.Write(rec)
	}
	for _, m := range r.Months {
		row(m.Month, m.Figures)
	}
	row("total", r.Total)
	cw.Flush()
	return cw.Error()
}

func minutes(s *float64) string {
	if s == nil {
		return ""
	}
	return fmt.Sprintf("%.1f", *s/60)
}
