package insights

import (
	"bytes"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Charts are the report's charts, by name.
var Charts = []string{"durations", "severity", "followthrough"}

// palette is readable on light and dark pages and for common colour
// blindness.
var palette = []color.Color{
	color.RGBA{0xb4, 0x23, 0x18, 0xff}, color.RGBA{0xc4, 0x50, 0x0a, 0xff}, color.RGBA{0xa0, 0x70, 0x00, 0xff},
	color.RGBA{0x4b, 0x6b, 0x8a, 0xff}, color.RGBA{0x2f, 0x5f, 0xd0, 0xff}, color.RGBA{0x17, 0x60, 0x3a, 0xff},
}

// Chart renders one chart of r as SVG.
func Chart(r Report, name string) ([]byte, error) {
	p := plot.New()
	labels := make([]string, len(r.Months))
	for i, m := range r.Months {
		labels[i] = m.Month
	}
	switch name {
	case "durations":
		p.Title.Text = "Median time to detect and to resolve, per month"
		p.Y.Label.Text = "minutes"
		detect, resolve := plotter.XYs{}, plotter.XYs{}
		for i, m := range r.Months {
			if v := m.TimeToDetect.MedianSeconds; v != nil {
				detect = append(detect, plotter.XY{X: float64(i), Y: *v / 60})
			}
			if v := m.TimeToResolve.MedianSeconds; v != nil {
				resolve = append(resolve, plotter.XY{X: float64(i), Y: *v / 60})
			}
		}
		if err := addLine(p, "time to detect", detect, palette[4]); err != nil {
			return nil, err
		}
		if err := addLine(p, "time to resolve (MTTR)", resolve, palette[0]); err != nil {
			return nil, err
		}
	case "severity":
		p.Title.Text = "Incidents per month by severity"
		p.Y.Label.Text = "incidents"
		var below *plotter.BarChart
		if len(r.Months) > 0 {
			for s := range r.Months[0].BySeverity {
				vals := make(plotter.Values, len(r.Months))
				for i, m := range r.Months {
					vals[i] = float64(m.BySeverity[s].Count)
				}
				bars, err := plotter.NewBarChart(vals, barWidth(len(r.Months)))
				if err != nil {
					return nil, err
				}
				bars.Color, bars.LineStyle.Width = palette[s%len(palette)], 0
				if below != nil {
					bars.StackOn(below)
				}
				below = bars
				p.Add(bars)
				name := r.Months[0].BySeverity[s].Severity
				if name == "" {
					name = "not set"
				}
				p.Legend.Add(name, bars)
			}
		}
	case "followthrough":
		p.Title.Text = "Countermeasures per incident month: opened and done"
		p.Y.Label.Text = "countermeasures"
		opened, done := make(plotter.Values, len(r.Months)), make(plotter.Values, len(r.Months))
		for i, m := range r.Months {
			opened[i], done[i] = float64(m.Countermeasures.Opened), float64(m.Countermeasures.Done)
		}
		w := barWidth(len(r.Months)) / 2
		for j, series := range []struct {
			name string
			v    plotter.Values
		}{{"opened", opened}, {"done", done}} {
			bars, err := plotter.NewBarChart(series.v, w)
			if err != nil {
				return nil, err
			}
			bars.Color, bars.LineStyle.Width = palette[4+j], 0
			bars.Offset = vg.Length(j*2-1) * w / 2
			p.Add(bars)
			p.Legend.Add(series.name, bars)
		}
	default:
		return nil, fmt.Errorf("no chart %q", name)
	}
	p.Legend.Top = true
	p.Y.Min = 0
	// Headroom above the data keeps the legend clear of it.
	p.Y.Max = max(1, p.Y.Max*1.35)
	if len(labels) > 0 {
		p.NominalX(thin(labels)...)
	}
	wt, err := p.WriterTo(20*vg.Centimeter, 9*vg.Centimeter, "svg")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func addLine(p *plot.Plot, name string, xys plotter.XYs, c color.Color) error {
	if len(xys) == 0 {
		return nil
	}
	l, pts, err := plotter.NewLinePoints(xys)
	if err != nil {
		return err
	}
	l.Color, pts.Color, pts.Shape = c, c, draw.CircleGlyph{}
	p.Add(l, pts)
	p.Legend.Add(name, l, pts)
	return nil
}

func barWidth(n int) vg.Length {
	if n == 0 {
		return vg.Points(10)
	}
	return vg.Length(float64(16*vg.Centimeter) / float64(n) * 0.7)
}

// thin keeps about eight month labels so a long axis stays readable.
func thin(labels []string) []string {
	step := (len(labels) + 7) / 8
	out := make([]string, len(labels))
	for i, l := range labels {
		if i%step == 0 {
			out[i] = l
		}
	}
	return out
}
