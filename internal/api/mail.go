package api

import (
	"net/http"

	"hindsight"
)

// getMail answers GET /mail: the mail settings in force, never the
// password (admins).
func (h *Handler) getMail(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.MailSettings(r.Context())
	h.answer(w, r, http.StatusOK, m, err)
}

// putMail answers PUT /mail with {"host", "port", "security", "username",
// "password", "from", "lists"}: the settings now in force; a password
// left out keeps the one in force.
func (h *Handler) putMail(w http.ResponseWriter, r *http.Request) {
	var body hindsight.MailSettings
	if !h.decodeBody(w, r, &body) {
		return
	}
	m, err := h.svc.SetMailSettings(r.Context(), body)
	h.answer(w, r, http.StatusOK, m, err)
}

// deleteMail answers DELETE /mail: 204, the server's settings are in
// force again.
func (h *Handler) deleteMail(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.ResetMailSettings(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// testMail answers POST /mail/test with {"to"}: 204 once the mail server
// took the message, 502 with its answer when it did not.
func (h *Handler) testMail(w http.ResponseWriter, r *http.Request) {
	var body struct {
		To string `json:"to"`
	}
	if !h.decodeBody(w, r, &body) {
		return
	}
	if err := h.svc.SendTestMail(r.Context(), body.To); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
