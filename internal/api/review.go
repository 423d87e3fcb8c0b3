package api

import (
	"net/http"

	"hindsight"
)

// requestReview answers POST /postmortems/{id}/review-requests with
// {"reviewers": ["mei@example.com"]}: 201 with the requests made.
func (h *Handler) requestReview(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Reviewers []string `json:"reviewers"`
	}
	if !h.decodeBody(w, r, &body) {
		return
	}
	reqs, err := h.svc.RequestReview(r.Context(), r.PathValue("id"), body.Reviewers)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"items": reqs})
}

// submitReview answers POST /postmortems/{id}/reviews with {"verdict",
// "note"}; If-Match names the version reviewed.
func (h *Handler) submitReview(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Verdict hindsight.Verdict `json:"verdict"`
		Note    string            `json:"note"`
	}
	version, ok := h.decodeChange(w, r, &body)
	if !ok {
		return
	}
	rv, err := h.svc.SubmitReview(r.Context(), r.PathValue("id"), version, body.Verdict, body.Note)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, rv)
}

// getReview answers GET /postmortems/{id}/review: requests, verdicts,
// comments and whether it may be published.
func (h *Handler) getReview(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.Review(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// addComment answers POST /postmortems/{id}/comments with {"parent_id",
// "anchor", "body"}.
func (h *Handler) addComment(w http.ResponseWriter, r *http.Request) {
	var body hindsight.NewComment
	if !h.decodeBody(w, r, &body) {
		return
	}
	c, err := h.svc.AddComment(r.Context(), r.PathValue("id"), body)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

// resolveComment answers POST /postmortems/{id}/comments/{cid}/resolve
// with {"resolved": true|false}.
func (h *Handler) resolveComment(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Resolved bool `json:"resolved"`
	}
	if !h.decodeBody(w, r, &body) {
		return
	}
	if err := h.svc.ResolveComment(r.Context(), r.PathValue("id"), r.PathValue("cid"), body.Resolved); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// getPublication answers GET /postmortems/{id}/publication: when it was
// published and what changed since it was last announced (404 if never).
func (h *Handler) getPublication(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.Published(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if st == nil {
		writeProblem(w, r, http.StatusNotFound, "Not published", "this post-mortem has not been published", nil)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// reannounce answers POST /postmortems/{id}/reannounce with {"note"};
// If-Match names the version announced.
func (h *Handler) reannounce(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Note string `json:"note"`
	}
	version, ok := h.decodeChange(w, r, &body)
	if !ok {
		return
	}
	if err := h.svc.Reannounce(r.Context(), r.PathValue("id"), version, body.Note); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
