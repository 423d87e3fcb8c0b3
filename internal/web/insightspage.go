package web

import (
	"html/template"
	"net/http"

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

// insightsPage answers "is MTTR getting better?": figures, charts, tables,
// definitions and the post-mortems held late; cached by data version (see
// cachedPage).
func (h *Handler) insightsPage(w http.ResponseWriter, r *http.Request) {
	h.cachedPage(w, r, "insights", h.insightsVersion, h.buildInsights)
}

// insightsVersion is when the reader's insights snapshot was taken (see
// insights.Reports): the page is rendered again only when it is replaced.
// A filter in error has no snapshot; its page is built, and not kept, to
// show the error.
func (h *Handler) insightsVersion(r *http.Request) (int64, error) {
	f, err := filter.Facts(r.URL.Query())
	if err != nil {
		return 0, nil
	}
	snap, err := h.opts.Insights.Get(r.Context(), f)
	if err != nil {
		return 0, nil
	}
	return snap.Built.UnixNano(), nil
}

// buildInsights renders insights for r.
func (h *Handler) buildInsights(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	q := r.URL.Query()
	d := insightsData{Definitions: insights.Definitions, Charts: map[string]template.HTML{}, Query: template.URL(q.Encode()),
		From: q.Get("from"), To: q.Get("to"), Severity: q.Get("severity"), Tag: q.Get("tag")}
	f, err := filter.Facts(q)
	var snap *insights.Snapshot
	if err == nil {
		snap, err = h.opts.Insights.Get(r.Context(), f)
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
	d.Report = snap.Report
	for _, name := range insights.Charts {
		if d.Charts[name], err = insights.ChartSVG(d.Report, name); err != nil {
			h.fail(w, r, err)
			return nil, false
		}
	}
	late := snap.Late
	d.Reading = snap.Reading
	d.LatePage = newPager(q, "late", len(late), latePageSize)
	d.Late = late[d.LatePage.From-1 : d.LatePage.To]
	return h.renderPage(w, r, "insights", page{Title: "Insights", Data: d})
}
