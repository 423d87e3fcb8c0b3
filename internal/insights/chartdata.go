package insights

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Charts are the report's charts, by name.
var Charts = []string{"durations", "severity", "followthrough"}

// chartSpec is what a chart shows, before it is drawn: one value per month
// and series (nil where there is none), the unit of the values and how
// they are drawn.
type chartSpec struct {
	Name, Title, Desc string
	Stacked, Lines    bool
	Months            []string // "2026-03"
	Series            []seriesSpec
	// Unit formats an axis value: "45 min", "2 h", "12".
	Unit func(v float64) string
	// Scale turns values into the axis's unit (seconds into hours…).
	Scale float64
}

type seriesSpec struct {
	Name   string
	Values []*float64
}

// specFor builds the named chart's data from the report.
func specFor(r Report, name string) (chartSpec, error) {
	months := make([]string, len(r.Months))
	for i, m := range r.Months {
		months[i] = m.Month
	}
	count := func(get func(m Month) int) []*float64 {
		out := make([]*float64, len(r.Months))
		for i, m := range r.Months {
			v := float64(get(m))
			out[i] = &v
		}
		return out
	}
	c := chartSpec{Name: name, Months: months, Unit: countUnit, Scale: 1}
	switch name {
	case "durations":
		c.Title, c.Lines = "Median time to detect and to resolve, per month", true
		detect, resolve := make([]*float64, len(r.Months)), make([]*float64, len(r.Months))
		for i, m := range r.Months {
			detect[i], resolve[i] = m.TimeToDetect.MedianSeconds, m.TimeToResolve.MedianSeconds
		}
		c.Series = []seriesSpec{{"time to detect", detect}, {"time to resolve (MTTR)", resolve}}
		c.Unit, c.Scale = durationUnit(maxOf(c.Series, false))
	case "severity":
		c.Title, c.Stacked = "Incidents per month by severity", true
		if len(r.Months) > 0 {
			for s, sc := range r.Months[0].BySeverity {
				name := sc.Severity
				if name == "" {
					name = "not set"
				}
				c.Series = append(c.Series, seriesSpec{name, count(func(m Month) int { return m.BySeverity[s].Count })})
			}
		}
	case "followthrough":
		c.Title = "Countermeasures per incident month: opened and done"
		c.Series = []seriesSpec{
			{"opened", count(func(m Month) int { return m.Countermeasures.Opened })},
			{"done", count(func(m Month) int { return m.Countermeasures.Done })},
		}
	default:
		return c, fmt.Errorf("no chart %q", name)
	}
	names := make([]string, len(c.Series))
	for i, s := range c.Series {
		names[i] = s.Name
	}
	c.Desc = fmt.Sprintf("%s from %s to %s: %s. The numbers are in the table below.", c.Title, first(months), last(months), strings.Join(names, ", "))
	return c, nil
}

func first(s []string) string {
	if len(s) == 0 {
		return "—"
	}
	return s[0]
}

func last(s []string) string {
	if len(s) == 0 {
		return "—"
	}
	return s[len(s)-1]
}

// maxOf is the largest value, or the largest month total when stacked.
func maxOf(series []seriesSpec, stacked bool) float64 {
	m := 0.0
	if len(series) == 0 {
		return m
	}
	for i := range series[0].Values {
		sum := 0.0
		for _, s := range series {
			if v := s.Values[i]; v != nil {
				if stacked {
					sum += *v
				} else {
					m = math.Max(m, *v)
				}
			}
		}
		m = math.Max(m, sum)
	}
	return m
}

func countUnit(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// durationUnit picks the unit durations in seconds read best in, given
// the largest: minutes under 2 hours, hours under 3 days, days beyond.
func durationUnit(maxSeconds float64) (func(float64) string, float64) {
	switch {
	case maxSeconds < 2*3600:
		return func(v float64) string { return countUnit(v) + " min" }, 60
	case maxSeconds < 72*3600:
		return func(v float64) string { return countUnit(v) + " h" }, 3600
	}
	return func(v float64) string { return countUnit(v) + " d" }, 86400
}

// niceTicks are 2 to 7 round axis values from 0 up to at least max.
func niceTicks(max float64) []float64 {
	if max <= 0 {
		return []float64{0, 1}
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	if step < 1 && max >= 1 {
		step = 1
	}
	var ticks []float64
	for v := 0.0; ; v += step {
		ticks = append(ticks, math.Round(v*1000)/1000)
		if v >= max {
			return ticks
		}
	}
}

// monthLabel is a short axis label: "Mar", with the year on the first
// month and on every January ("Jan 2027").
func monthLabel(month string, i int) (string, string) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month, ""
	}
	if i == 0 || t.Month() == time.January {
		return t.Format("Jan"), t.Format("2006")
	}
	return t.Format("Jan"), ""
}
