package insights

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// WriteCSV writes one row per month, and a "total" row, with every figure
// the charts and tables show; durations in minutes.
func WriteCSV(w io.Writer, r Report) error {
	cw := csv.NewWriter(w)
	head := []string{"month", "incidents"}
	if len(r.Months) > 0 {
		for _, s := range r.Months[0].BySeverity {
			head = append(head, "incidents_"+s.Severity)
		}
	}
	head = append(head, "mttd_mean_min", "mttd_median_min", "mttd_incidents", "mttr_mean_min", "mttr_median_min", "mttr_incidents",
		"to_postmortem_mean_min", "to_postmortem_median_min", "to_postmortem_incidents",
		"countermeasures_opened", "countermeasures_done", "countermeasures_overdue", "share_done_by_target")
	cw.Write(head)
	row := func(label string, f Figures) {
		rec := []string{label, strconv.Itoa(f.Incidents)}
		for i := range len(head) - 2 - 13 {
			n := 0
			if i < len(f.BySeverity) {
				n = f.BySeverity[i].Count
			}
			rec = append(rec, strconv.Itoa(n))
		}
		for _, d := range []Duration{f.TimeToDetect, f.TimeToResolve, f.TimeToMeeting} {
			rec = append(rec, minutes(d.MeanSeconds), minutes(d.MedianSeconds), strconv.Itoa(d.Count))
		}
		cm := f.Countermeasures
		share := ""
		if cm.ShareDoneByTarget != nil {
			share = fmt.Sprintf("%.3f", *cm.ShareDoneByTarget)
		}
		rec = append(rec, strconv.Itoa(cm.Opened), strconv.Itoa(cm.Done), strconv.Itoa(cm.Overdue), share)
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
