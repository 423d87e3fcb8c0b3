package api

import (
	"net/http"
	"time"

	"hindsight"
)

// answer writes v with status, or the error as a problem.
func (h *Handler) answer(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, status, v)
}

// getReads answers GET /postmortems/{id}/reads: "read by 7 of 12
// stakeholders, 41 people in total", and who, for those who may edit it.
func (h *Handler) getReads(w http.ResponseWriter, r *http.Request) {
	rr, err := h.svc.ReadReceipts(r.Context(), r.PathValue("id"), nil)
	h.answer(w, r, http.StatusOK, rr, err)
}

// recordRead answers POST /postmortems/{id}/reads: the caller read it.
func (h *Handler) recordRead(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RecordRead(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// toRead answers GET /reading: published post-mortems for the caller's
// team or services not yet opened.
func (h *Handler) toRead(w http.ResponseWriter, r *http.Request) {
	items, err := h.svc.ToRead(r.Context(), hindsight.MaxPageSize)
	h.answer(w, r, http.StatusOK, map[string]any{"items": items}, err)
}

// getRevisits answers GET /postmortems/{id}/revisits.
func (h *Handler) getRevisits(w http.ResponseWriter, r *http.Request) {
	st, err := h.svc.Revisits(r.Context(), r.PathValue("id"))
	h.answer(w, r, http.StatusOK, st, err)
}

// addRevisit answers POST /postmortems/{id}/revisits with the checklist's
// answers.
func (h *Handler) addRevisit(w http.ResponseWriter, r *http.Request) {
	var body hindsight.RevisitAnswers
	if !h.decodeBody(w, r, &body) {
		return
	}
	rv, err := h.svc.RecordRevisit(r.Context(), r.PathValue("id"), body)
	h.answer(w, r, http.StatusCreated, rv, err)
}

// dueRevisits answers GET /revisits/due?limit=&cursor=, the longest due
// first.
func (h *Handler) dueRevisits(w http.ResponseWriter, r *http.Request) {
	items, err := h.svc.DueRevisits(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	window(h, w, r, items)
}

// getPublicSummary answers GET /postmortems/{id}/public-summary: null
// when none was written.
func (h *Handler) getPublicSummary(w http.ResponseWriter, r *http.Request) {
	ps, err := h.svc.PublicSummary(r.Context(), r.PathValue("id"))
	h.answer(w, r, http.StatusOK, ps, err)
}

// putPublicSummary answers PUT /postmortems/{id}/public-summary with
// {"title", "customer_impact", "timeline", "actions", "publish"}.
func (h *Handler) putPublicSummary(w http.ResponseWriter, r *http.Request) {
	var body hindsight.PublicSummaryDraft
	if !h.decodeBody(w, r, &body) {
		return
	}
	ps, err := h.svc.SavePublicSummary(r.Context(), r.PathValue("id"), body)
	h.answer(w, r, http.StatusOK, ps, err)
}

// getMeeting answers GET /postmortems/{id}/meeting: when, who was
// invited, and the guide's roles.
func (h *Handler) getMeeting(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Meeting(r.Context(), r.PathValue("id"))
	h.answer(w, r, http.StatusOK, m, err)
}

// scheduleMeeting answers POST /postmortems/{id}/meeting with {"at",
// "invitees"}; If-Match names the version scheduled on.
func (h *Handler) scheduleMeeting(w http.ResponseWriter, r *http.Request) {
	var body struct {
		At       time.Time `json:"at"`
		Invitees []string  `json:"invitees"`
	}
	version, ok := h.decodeChange(w, r, &body)
	if !ok {
		return
	}
	invs, err := h.svc.ScheduleMeeting(r.Context(), r.PathValue("id"), version, body.At, body.Invitees)
	h.answer(w, r, http.StatusOK, map[string]any{"invitations": invs, "mailed": err == nil && h.svc.MailOn(r.Context())}, err)
}

// cancelMeeting answers DELETE /postmortems/{id}/meeting: 204, the
// meeting is called off and those invited are sent a cancellation.
// If-Match names the version cancelled on.
func (h *Handler) cancelMeeting(w http.ResponseWriter, r *http.Request) {
	version, ok := h.requireIfMatch(w, r, "send the ETag of the post-mortem version you saw in If-Match")
	if !ok {
		return
	}
	if err := h.svc.CancelMeeting(r.Context(), r.PathValue("id"), version); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
