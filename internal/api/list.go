package api

import (
	"net/http"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// list answers GET /postmortems?q=&tag=&severity=&status=&from=&to=&limit=&cursor=
// with one page of summaries and the next cursor.
func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	f, err := filter.List(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	page, err := h.svc.List(r.Context(), f)
	if err != nil {
		h.fail(w, r, problem.BadRequest(err)) // a bad cursor
		return
	}
	type item struct {
		hindsight.Summary
		TimeToResolveSeconds *int64 `json:"time_to_resolve_seconds"`
	}
	items := make([]item, len(page.Items))
	for i, s := range page.Items {
		items[i] = item{s, s.TimeToResolveSeconds()}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "next_cursor": page.NextCursor})
}
