package api

import (
	"net/http"

	"hindsight"
)

// create stores a new post-mortem from JSON: 201 with Location and ETag.
func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	p, err := h.decodePostMortem(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.createAndRespond(w, r, p)
}

// createAndRespond is shared by JSON create and Markdown import: both
// answer exactly alike. The client cannot choose the id.
func (h *Handler) createAndRespond(w http.ResponseWriter, r *http.Request, p *hindsight.PostMortem) {
	p.ID = ""
	if err := h.svc.Create(r.Context(), p); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/postmortems/"+p.ID)
	writePostMortem(w, http.StatusCreated, p)
}
