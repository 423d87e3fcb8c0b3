package api

import (
	"net/http"
)

// update replaces a post-mortem. If-Match must name the version the
// client read: 428 without it, 412 (with the current version and document)
// when someone else saved since. Nothing is written in either case.
func (h *Handler) update(w http.ResponseWriter, r *http.Request) {
	version, ok, err := ifMatchVersion(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !ok {
		writeProblem(w, r, http.StatusPreconditionRequired, "If-Match required",
			"send the ETag of the version you edited in If-Match, so a change made meanwhile is never overwritten", nil)
		return
	}
	p, err := h.decodePostMortem(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.ID, p.Version = r.PathValue("id"), version
	if err := h.svc.Update(r.Context(), p); err != nil {
		h.fail(w, r, err)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}
