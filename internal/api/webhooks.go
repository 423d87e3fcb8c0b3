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

// webhookBody is a webhook as clients send it: without "disabled", a
// change keeps whether it is paused.
type webhookBody struct {
	hindsight.Webhook
	Disabled *bool `json:"disabled"`
}

// saveWebhook answers POST /webhooks (201) and PUT /webhooks/{wid} with
// {"name","format","url","events","severities","disabled","secret"}: a
// change replaces every field but the secret (kept unless one is sent)
// and "disabled" (kept unless sent).
func (h *Handler) saveWebhook(w http.ResponseWriter, r *http.Request) {
	var body webhookBody
	if !h.decodeBody(w, r, &body) {
		return
	}
	hook := body.Webhook
	status := http.StatusCreated
	if hook.ID = r.PathValue("wid"); hook.ID != "" {
		status = http.StatusOK
		if body.Disabled == nil {
			old, err := h.svc.Webhook(r.Context(), hook.ID)
			if err != nil {
				h.fail(w, r, err)
				return
			}
			hook.Disabled = old.Disabled
		}
	}
	if body.Disabled != nil {
		hook.Disabled = *body.Disabled
	}
	if err := h.svc.SaveWebhook(r.Context(), &hook); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, status, hook)
}

// getWebhook answers GET /webhooks/{wid}.
func (h *Handler) getWebhook(w http.ResponseWriter, r *http.Request) {
	hook, err := h.svc.Webhook(r.Context(), r.PathValue("wid"))
	h.answer(w, r, http.StatusOK, hook, err)
}

// pauseWebhook answers POST /webhooks/{wid}/pause and …/resume: the
// webhook as it is now.
func (h *Handler) pauseWebhook(paused bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hook, err := h.svc.PauseWebhook(r.Context(), r.PathValue("wid"), paused)
		h.answer(w, r, http.StatusOK, hook, err)
	}
}

// rotateWebhookSecret answers POST /webhooks/{wid}/rotate-secret: the
// webhook with its new secret.
func (h *Handler) rotateWebhookSecret(w http.ResponseWriter, r *http.Request) {
	hook, err := h.svc.RotateWebhookSecret(r.Context(), r.PathValue("wid"))
	h.answer(w, r, http.StatusOK, hook, err)
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
