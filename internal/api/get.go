package api

import "net/http"

// get answers with one post-mortem, its ETag, and 304 when the client's
// copy is current.
func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.Header.Get("If-None-Match") == etag(p.Version) {
		w.Header().Set("ETag", etag(p.Version))
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}
