package api

import (
	"hindsight/internal/filter"
	"hindsight/internal/problem"
	"net/http"

	"hindsight"
)

// listCountermeasures answers GET /countermeasures with one page of rows,
// each marked overdue and due for re-verification where it is.
func (h *Handler) listCountermeasures(w http.ResponseWriter, r *http.Request) {
	f, err := filter.Countermeasures(r.URL.Query(), h.svc.Policy, h.svc.Now().UTC())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	page, err := h.svc.ListCountermeasures(r.Context(), f)
	if err != nil {
		h.fail(w, r, problem.BadRequest(err)) // a bad cursor or sort
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// setCountermeasureStatus answers POST .../countermeasures/{cid}/status
// with {"status": "..."}; If-Match names the post-mortem version.
func (h *Handler) setCountermeasureStatus(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status hindsight.CountermeasureStatus `json:"status"`
	}
	version, ok := h.decodeChange(w, r, &body)
	if !ok {
		return
	}
	p, err := h.svc.SetCountermeasureStatus(r.Context(), r.PathValue("id"), version, r.PathValue("cid"), body.Status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}

// verifyCountermeasure answers POST .../countermeasures/{cid}/verify with
// {"note": "..."}; If-Match names the post-mortem version. Who checked is
// the caller.
func (h *Handler) verifyCountermeasure(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Note string `json:"note"`
	}
	version, ok := h.decodeChange(w, r, &body)
	if !ok {
		return
	}
	p, err := h.svc.VerifyCountermeasure(r.Context(), r.PathValue("id"), version, r.PathValue("cid"), body.Note)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}

// decodeChange reads If-Match (required) and a small JSON body.
func (h *Handler) decodeChange(w http.ResponseWriter, r *http.Request, dst any) (int64, bool) {
	version, ok := h.requireIfMatch(w, r, "send the ETag of the post-mortem version you saw in If-Match")
	return version, ok && h.decodeBody(w, r, dst)
}

// lateMeetings answers GET /meetings/late?from=&to=&severity=&tag=:
// incidents whose post-mortem was not held or scheduled within the
// deadline for their severity.
func (h *Handler) lateMeetings(w http.ResponseWriter, r *http.Request) {
	f, err := filter.Facts(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	snap, err := h.opts.Insights.Get(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	window(h, w, r, snap.Late)
}
