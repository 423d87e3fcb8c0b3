package api

import (
	"net/http"
	"time"

	"hindsight/internal/filter"
	"hindsight/internal/problem"
	"hindsight/internal/versiondiff"
)

// listVersions answers GET /postmortems/{id}/versions?limit=&cursor= with
// the history newest first: who saved each version, when, the fields it
// changed and its note.
func (h *Handler) listVersions(w http.ResponseWriter, r *http.Request) {
	f, err := filter.Revisions(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	page, err := h.svc.Versions(r.Context(), r.PathValue("id"), f)
	if err != nil {
		h.fail(w, r, problem.BadRequest(err)) // a bad cursor
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// getVersion answers GET /postmortems/{id}/versions/{n} with the whole
// post-mortem as it was at version n.
func (h *Handler) getVersion(w http.ResponseWriter, r *http.Request) {
	n, err := filter.Version(r.PathValue("n"), "n")
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	p, err := h.svc.Version(r.Context(), r.PathValue("id"), n)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// diff answers GET /postmortems/{id}/diff?from=&to= with what changed
// between two versions (to defaults to the current one, from to the one
// before it), field by field and word by word.
func (h *Handler) diff(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	head, err := h.svc.Head(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	from, to, err := filter.Compare(r.URL.Query(), head.Version)
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	a, b, err := h.svc.Compare(r.Context(), id, from, to)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, versiondiff.Compare(a, b, func(t time.Time) string { return t.UTC().Format(time.RFC3339) }))
}

// restoreVersion answers POST /postmortems/{id}/versions/{n}/restore:
// version n's content saved as a new version, with If-Match naming the
// version the client saw (428 without, 412 when someone saved since) and
// an optional {"change_note"}.
func (h *Handler) restoreVersion(w http.ResponseWriter, r *http.Request) {
	version, ok, err := ifMatchVersion(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !ok {
		writeProblem(w, r, http.StatusPreconditionRequired, "If-Match required", "send the ETag of the version you are replacing in If-Match", nil)
		return
	}
	n, err := filter.Version(r.PathValue("n"), "n")
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	var body struct {
		ChangeNote string `json:"change_note"`
	}
	if r.ContentLength != 0 && !h.decodeBody(w, r, &body) {
		return
	}
	p, err := h.svc.Restore(r.Context(), r.PathValue("id"), n, version, body.ChangeNote)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}
