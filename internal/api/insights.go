package api

import (
	"bytes"
	"net/http"
	"slices"
	"strings"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/insights"
	"hindsight/internal/problem"
)

// getInsights answers GET /insights?from=&to=&severity=&tag= with the
// figures per month and in total, and what each figure means.
func (h *Handler) getInsights(w http.ResponseWriter, r *http.Request) {
	rep, err := h.report(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": rep.Total, "months": rep.Months, "definitions": insights.Definitions})
}

// getInsightsCSV answers GET /insights.csv with the same figures; with
// chart=NAME, only that chart's numbers.
func (h *Handler) getInsightsCSV(w http.ResponseWriter, r *http.Request) {
	chart := r.URL.Query().Get("chart")
	if chart != "" && !slices.Contains(insights.Charts, chart) {
		h.fail(w, r, hindsight.Invalid("chart", "must be one of %s, not %q", strings.Join(insights.Charts, ", "), chart))
		return
	}
	rep, err := h.report(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := insights.WriteCSV(&buf, rep, chart); err != nil {
		h.fail(w, r, err)
		return
	}
	name := "hindsight-insights"
	if chart != "" {
		name += "-" + chart
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	w.Write(buf.Bytes())
}

// report computes the insights for the request's filters.
func (h *Handler) report(r *http.Request) (insights.Report, error) {
	f, err := filter.Facts(r.URL.Query())
	if err != nil {
		return insights.Report{}, problem.BadRequest(err)
	}
	snap, err := h.opts.Insights.Get(r.Context(), f)
	if err != nil {
		return insights.Report{}, err
	}
	return snap.Report, nil
}
