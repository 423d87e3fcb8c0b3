package api

import (
	"net/http"
)

// delete moves a post-mortem to the trash: 204. If-Match must name the
// version the client saw, as for PUT: 428 without it, 412 when someone
// saved since — the check and the move are one transaction, so nobody
// deletes a change they have not seen.
func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	version, ok, err := ifMatchVersion(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !ok {
		writeProblem(w, r, http.StatusPreconditionRequired, "If-Match required",
			"send the ETag of the version you mean to delete in If-Match, so a change made meanwhile is never deleted unseen", nil)
		return
	}
	if err := h.svc.Delete(r.Context(), r.PathValue("id"), version); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
