package api

import (
	"net/http"

	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// listTrash answers GET /trash?limit=&cursor= with the post-mortems in the
// trash the caller may restore (admins: all), most recently deleted first,
// each with when it will be purged.
func (h *Handler) listTrash(w http.ResponseWriter, r *http.Request) {
	f, err := filter.Trash(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	page, err := h.svc.Trash(r.Context(), f)
	if err != nil {
		h.fail(w, r, problem.BadRequest(err)) // a bad cursor
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// restoreFromTrash answers POST /trash/{id}/restore with the post-mortem,
// back whole.
func (h *Handler) restoreFromTrash(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := h.svc.RestoreFromTrash(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}

// purge answers DELETE /trash/{id} (admins): gone for good, 204.
func (h *Handler) purge(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Purge(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// purgeExpired answers POST /trash/purge (admins): everything in the
// trash longer than the retention period, gone for good now, listed.
func (h *Handler) purgeExpired(w http.ResponseWriter, r *http.Request) {
	gone, err := h.svc.PurgeExpired(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"purged": gone})
}
