package api

import (
	"net/http"

	"hindsight"
)

// delete removes a post-mortem: 204. With If-Match, only the named version
// is deleted, so nobody deletes a change they have not seen.
func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	version, ok, err := ifMatchVersion(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if ok {
		cur, err := h.svc.Get(r.Context(), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if cur.Version != version {
			h.fail(w, r, &hindsight.ConflictError{ID: id, CurrentVersion: cur.Version})
			return
		}
	}
	if err := h.svc.Delete(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
