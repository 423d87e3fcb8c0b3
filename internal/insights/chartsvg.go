package insights

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
)

// Charts are drawn as inline SVG that the page styles: colours come from
// the page's theme (classes, no fixed colours), the width is the page's
// (every x position is a percentage, so text keeps its size at any width
// instead of shrinking with a scaled drawing) and the legend is HTML that
// wraps. Labels that would crowd a narrow screen carry a class that hides
// them there.

// chart geometry, in px from the top of the drawing.
const (
	chartHeight = 260
	plotTop     = 18
	plotBottom  = 212
	labelY      = 232
	yearY       = 248
)

type chartDrawing struct {
	ID, Title, Desc string
	Height          int
	Grid            []gridLine
	Bars            []bar
	Segments        []segment
	Dots            []dot
	XLabels         []xLabel
	Legend          []legendItem
}

type gridLine struct {
	Y     float64
	Label string
}

type bar struct {
	X, W  string
	Y, H  float64
	Class string
	Tip   string
}

type segment struct {
	X1, X2 string
	Y1, Y2 float64
	Class  string
}

type dot struct {
	X     string
	Y     float64
	Class string
	Tip   string
}

type xLabel struct {
	X, Text, Year, Class string
}

type legendItem struct{ Name, Class string }

var chartTemplate = template.Must(template.New("chart").Parse(`<figure class="chart-figure">
<svg class="chart" width="100%" height="{{.Height}}" font-size="13" role="img" aria-labelledby="{{.ID}}-title {{.ID}}-desc" overflow="visible">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-desc">{{.Desc}}</desc>
{{range .Grid}}<line class="grid" x1="0" x2="100%" y1="{{.Y}}" y2="{{.Y}}"/>
{{end}}{{range .Bars}}<rect class="{{.Class}}" x="{{.X}}" width="{{.W}}" y="{{.Y}}" height="{{.H}}"><title>{{.Tip}}</title></rect>
{{end}}{{range .Segments}}<line class="line {{.Class}}" x1="{{.X1}}" x2="{{.X2}}" y1="{{.Y1}}" y2="{{.Y2}}"/>
{{end}}{{range .Dots}}<circle class="dot {{.Class}}" cx="{{.X}}" cy="{{.Y}}" r="4"><title>{{.Tip}}</title></circle>
{{end}}{{range .Grid}}<text class="axis" x="0" y="{{.Y}}" dy="-5">{{.Label}}</text>
{{end}}{{range .XLabels}}<text class="axis month {{.Class}}" x="{{.X}}" y="` + fmt.Sprint(labelY) + `" text-anchor="middle">{{.Text}}</text>{{if .Year}}<text class="axis year {{.Class}}" x="{{.X}}" y="` + fmt.Sprint(yearY) + `" text-anchor="middle">{{.Year}}</text>{{end}}
{{end}}</svg>
<figcaption><ul class="legend">{{range .Legend}}<li><span class="swatch {{.Class}}" aria-hidden="true"></span>{{.Name}}</li>{{end}}</ul></figcaption>
</figure>`))

func pct(f float64) string { return fmt.Sprintf("%.3f%%", f) }

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// ChartSVG draws one chart of r as inline SVG with its legend.
func ChartSVG(r Report, name string) (template.HTML, error) {
	c, err := specFor(r, name)
	if err != nil {
		return "", err
	}
	d := draw(c)
	var buf bytes.Buffer
	if err := chartTemplate.Execute(&buf, d); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// draw lays the chart out.
func draw(c chartSpec) chartDrawing {
	d := chartDrawing{ID: "chart-" + c.Name, Title: c.Title, Desc: c.Desc, Height: chartHeight}
	ticks := niceTicks(maxOf(c.Series, c.Stacked) / c.Scale)
	top := ticks[len(ticks)-1]
	y := func(v float64) float64 { return round1(plotBottom - v/c.Scale/top*(plotBottom-plotTop)) }
	for _, t := range ticks {
		d.Grid = append(d.Grid, gridLine{y(t * c.Scale), c.Unit(t)})
	}
	n := len(c.Months)
	if n == 0 {
		return d
	}
	band := 100 / float64(n)
	narrow, wide := (n+5)/6, (n+15)/16
	for i, m := range c.Months {
		text, year := monthLabel(m, i)
		class := ""
		if i%narrow != 0 {
			class = "hide-narrow"
		}
		if i%wide != 0 {
			class = "hide"
		}
		d.XLabels = append(d.XLabels, xLabel{pct((float64(i) + .5) * band), text, year, class})
	}
	for si, s := range c.Series {
		class := fmt.Sprintf("s%d", si+1)
		d.Legend = append(d.Legend, legendItem{s.Name, class})
		switch {
		case c.Lines:
			var prevX string
			var prevY float64
			for i, v := range s.Values {
				if v == nil {
					prevX = ""
					continue
				}
				x, vy := pct((float64(i)+.5)*band), y(*v)
				if prevX != "" {
					d.Segments = append(d.Segments, segment{prevX, x, prevY, vy, class})
				}
				d.Dots = append(d.Dots, dot{x, vy, class, fmt.Sprintf("%s, %s: %s", c.Months[i], s.Name, c.Unit(math.Round(*v/c.Scale*10)/10))})
				prevX, prevY = x, vy
			}
		case c.Stacked:
			for i, v := range s.Values {
				if v == nil || *v == 0 {
					continue
				}
				below := 0.0
				for _, under := range c.Series[:si] {
					if u := under.Values[i]; u != nil {
						below += *u
					}
				}
				yTop, yBase := y(below+*v), y(below)
				d.Bars = append(d.Bars, bar{pct((float64(i) + .2) * band), pct(.6 * band), yTop, round1(yBase - yTop), class, fmt.Sprintf("%s, %s: %s", c.Months[i], s.Name, c.Unit(*v))})
			}
		default:
			w := .7 / float64(len(c.Series))
			for i, v := range s.Values {
				if v == nil || *v == 0 {
					continue
				}
				yTop := y(*v)
				d.Bars = append(d.Bars, bar{pct((float64(i) + .15 + w*float64(si)) * band), pct(w * band * .92), yTop, round1(plotBottom - yTop), class, fmt.Sprintf("%s, %s: %s", c.Months[i], s.Name, c.Unit(*v))})
			}
		}
	}
	return d
}
