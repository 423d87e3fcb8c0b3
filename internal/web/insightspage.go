package web

import (
	"html/template"
	"net/http"
	"time"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/insights"
)

// insightsData is what the insights page shows.
type insightsData struct {
	Report      insights.Report
	Definitions []insights.Definition
	// Charts are drawn inline, by name, so they follow the page's theme
	// and width.
	Charts map[string]template.HTML
	// Query is the page's own filters, already encoded, for the chart and
	// CSV links; as a template.URL it is not escaped a second time.
	Query    template.URL
	From, To string
	Severity string
	Tag      string
	Late     []hindsight.LateMeeting
	LatePage pager
	Errors   []hindsight.FieldError
	// Reading is the share of the most severe post-mortems their team read
	// within 14 days of publishing, over all time.
	Reading hindsight.ReadingFigure
}

// insightsFresh is how old the insights page may be: its figures cover
// months, and rebuilding them at every save of a busy instance is what a
// page must not cost.
const insightsFresh = 30 * time.Second

// insightsPage answers "is MTTR getting better?": figures, charts, tables,
// definitions and the post-mortems held late; cached by data version (see
// cachedPage).
func (h *Handler) insightsPage(w http.ResponseWriter, r *http.Request) {
	h.cachedPage(w, r, "insights", insightsFresh, h.buildInsights)
}

// buildInsights renders insights for r.
func (h *Handler) buildInsights(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	q := r.URL.Query()
	d := insightsData{Definitions: insights.Definitions, Charts: map[string]template.HTML{}, Query: template.URL(q.Encode()),
		From: q.Get("from"), To: q.Get("to"), Severity: q.Get("severity"), Tag: q.Get("tag")}
	f, err := filter.Facts(q)
	var rep insights.Report
	if err == nil {
		rep, err = insights.Load(r.Context(), h.svc, f)
	}
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusBadRequest, "insights", page{Title: "Insights", Data: d})
		return nil, false
	}
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	d.Report = rep
	for _, name := range insights.Charts {
		if d.Charts[name], err = insights.ChartSVG(rep, name); err != nil {
			h.fail(w, r, err)
			return nil, false
		}
	}
	late, err := h.svc.LateMeetings(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	if d.Reading, err = h.svc.ReadingFigure(r.Context()); err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	d.LatePage = newPager(q, "late", len(late), latePageSize)
	d.Late = late[d.LatePage.From-1 : d.LatePage.To]
	return h.renderPage(w, r, "insights", page{Title: "Insights", Data: d})
}
