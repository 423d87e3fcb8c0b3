package api

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"hindsight"
	"hindsight/internal/insights"
)

// ParseFactsFilter reads from, to, severity and tag, naming a bad one.
func ParseFactsFilter(q url.Values) (hindsight.FactsFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.FactsFilter{Severity: q.Get("severity"), Tag: q.Get("tag")}
	f.From = queryTime(q, "from", false, v)
	f.To = queryTime(q, "to", true, v)
	return f, v.OrNil()
}

// Report computes the insights for the filter in q.
func Report(r *http.Request, svc *hindsight.Service) (insights.Report, error) {
	f, err := ParseFactsFilter(r.URL.Query())
	if err != nil {
		return insights.Report{}, err
	}
	facts, err := svc.Store.IncidentFacts(r.Context(), f)
	if err != nil {
		return insights.Report{}, err
	}
	return insights.Compute(facts, svc.Policy.Severities, svc.Now().UTC()), nil
}

// getInsights answers GET /insights?from=&to=&severity=&tag= with the
// figures per month and in total, and what each figure means.
func (h *Handler) getInsights(w http.ResponseWriter, r *http.Request) {
	rep, err := Report(r, h.svc)
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
	rep, err := Report(r, h.svc)
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
