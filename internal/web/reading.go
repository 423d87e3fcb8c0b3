package web

import (
	"net/http"

	"hindsight"
)

// readingLimit bounds the "to read" list.
const readingLimit = 50

// readingData is what the "to read" page shows.
type readingData struct {
	Items []hindsight.ToReadItem
	// User is the reader: their teams, services and groups.
	User  *hindsight.User
	Limit int
}

// reading lists the published post-mortems for the reader's teams and
// services (those they follow and their groups) that they have not opened
// yet, each saying why it is theirs.
func (h *Handler) reading(w http.ResponseWriter, r *http.Request) {
	items, err := h.svc.ToRead(r.Context(), readingLimit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := readingData{Items: items, Limit: readingLimit, User: me(r)}
	h.render(w, r, http.StatusOK, "reading", page{Title: "To read", Data: d})
}
