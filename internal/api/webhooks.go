package api

import (
	"net/http"
	"strconv"

	"hindsight"
	"hindsight/internal/problem"
)

// listWebhooks answers GET /webhooks (admins).
func (h *Handler) listWebhooks(w http.ResponseWriter, r *http.Request) {
	hooks, err := h.svc.Webhooks(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": hooks})
}

// saveWebhook answers POST /webhooks (201) and PUT /webhooks/{wid} with
// {"name","format","url","events","severities","disabled","secret"}.
func (h *Handler) saveWebhook(w http.ResponseWriter, r *http.Request) {
	var body hindsight.Webhook
	if !h.decodeBody(w, r, &body) {
		return
	}
	status := http.StatusCreated
	body.ID = r.PathValue("wid")
	if body.ID != "" {
		status = http.StatusOK
	}
	if err := h.svc.SaveWebhook(r.Context(), &body); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, status, body)
}

// deleteWebhook answers DELETE /webhooks/{wid}.
func (h *Handler) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteWebhook(r.Context(), r.PathValue("wid")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// listDeliveries answers GET /webhooks/deliveries?webhook=&limit=&cursor=.
func (h *Handler) listDeliveries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := hindsight.DeliveryFilter{WebhookID: q.Get("webhook"), Cursor: q.Get("cursor")}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil {
			h.fail(w, r, problem.BadRequest(hindsight.Invalid("limit", "must be a number")))
			return
		}
		f.Limit = n
	}
	page, err := h.svc.Deliveries(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// redeliver answers POST /webhooks/deliveries/{did}/redeliver: 202, the
// body goes out again through the queue.
func (h *Handler) redeliver(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Redeliver(r.Context(), r.PathValue("did")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
