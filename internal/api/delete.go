package api

import (
	"net/http"
)

// delete moves a post-mortem to the trash: 204. If-Match must name the
// version the client saw, as for PUT: 428 without it, 412 when someone
// saved since — the check and the move are one transaction, so nobody
// deletes a change they have not seen.
func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	version, ok := h.requireIfMatch(w, r, "send the ETag of the version you mean to delete in If-Match, so a change made meanwhile is never deleted unseen")
	if !ok {
		return
	}
	if err := h.svc.Delete(r.Context(), r.PathValue("id"), version); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// requireIfMatch reads the version If-Match names; without one it answers
// 428 saying what to send (detail).
func (h *Handler) requireIfMatch(w http.ResponseWriter, r *http.Request, detail string) (int64, bool) {
	version, ok, err := ifMatchVersion(r)
	if err != nil {
		h.fail(w, r, err)
		return 0, false
	}
	if !ok {
		writeProblem(w, r, http.StatusPreconditionRequired, "If-Match required", detail, nil)
	}
	return version, ok
}
