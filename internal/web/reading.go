package web

import (
	"net/http"

	"hindsight"
)

// readingLimit bounds the "to read" list.
const readingLimit = 50

// readingData is what the "to read" page shows.
type readingData struct {
	Items  []hindsight.Summary
	Groups []string
	Limit  int
}

// reading lists the published post-mortems for the reader's team or
// services that they have not opened yet.
func (h *Handler) reading(w http.ResponseWriter, r *http.Request) {
	items, err := h.svc.ToRead(r.Context(), readingLimit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := readingData{Items: items, Limit: readingLimit}
	if u := me(r); u != nil {
		d.Groups = u.Groups
	}
	h.render(w, r, http.StatusOK, "reading", page{Title: "To read", Data: d})
}
