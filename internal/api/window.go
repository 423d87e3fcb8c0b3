package api

import (
	"net/http"
	"strconv"

	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// window answers with the page of all that the request's limit= and
// cursor= select, how many there are in all and the next page's cursor:
// lists worked out whole (late meetings, due revisits) still go out a
// bounded page at a time.
func window[T any](h *Handler, w http.ResponseWriter, r *http.Request, all []T) {
	limit, offset, err := filter.Window(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	from, to := min(offset, len(all)), min(offset+limit, len(all))
	next := ""
	if to < len(all) {
		next = strconv.Itoa(to)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": all[from:to], "total": len(all), "next_cursor": next})
}
