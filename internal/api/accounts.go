package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// getMe answers who the caller is.
func (h *Handler) getMe(w http.ResponseWriter, r *http.Request) {
	u, err := h.svc.Me(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

// changeMe answers PATCH /me with {"teams", "services", "weekly_digest"},
// each changed only when present: the caller's account as it is now.
func (h *Handler) changeMe(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Teams        *[]string `json:"teams"`
		Services     *[]string `json:"services"`
		WeeklyDigest *bool     `json:"weekly_digest"`
	}
	if !h.decodeBody(w, r, &body) {
		return
	}
	ctx := r.Context()
	u, err := h.svc.Me(ctx)
	if err == nil && (body.Teams != nil || body.Services != nil) {
		teams, services := u.Teams, u.Services
		if body.Teams != nil {
			teams = *body.Teams
		}
		if body.Services != nil {
			services = *body.Services
		}
		u, err = h.svc.SetFollowing(ctx, teams, services)
	}
	if err == nil && body.WeeklyDigest != nil {
		u, err = h.svc.SetWeeklyDigest(ctx, *body.WeeklyDigest)
	}
	h.answer(w, r, http.StatusOK, u, err)
}

// listTokens answers the caller's tokens (never their secrets).
func (h *Handler) listTokens(w http.ResponseWriter, r *http.Request) {
	ts, err := h.svc.Tokens(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ts})
}

// createToken makes a token for the caller from {"name", "read_only",
// "expires": "90d"} and answers it with its secret, this once.
func (h *Handler) createToken(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name     string `json:"name"`
		ReadOnly bool   `json:"read_only"`
		Expires  string `json:"expires"`
		Purpose  string `json:"purpose"`
	}
	if !h.decodeBody(w, r, &body) {
		return
	}
	n := hindsight.NewToken{Name: body.Name, ReadOnly: body.ReadOnly, Purpose: body.Purpose}
	if body.Expires != "" && body.Expires != "never" {
		d, err := hindsight.ParseDays(body.Expires)
		if err != nil {
			h.fail(w, r, hindsight.Invalid("expires", "must be a duration like 90d, or never"))
			return
		}
		n.ExpiresIn = d
	}
	t, secret, err := h.svc.CreateToken(r.Context(), n)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": t, "secret": secret})
}

// revokeToken revokes one of the caller's tokens: 204.
func (h *Handler) revokeToken(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RevokeToken(r.Context(), r.PathValue("tid")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// listUsers answers every account (admins).
func (h *Handler) listUsers(w http.ResponseWriter, r *http.Request) {
	us, err := h.svc.Users(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": us})
}

// createUser adds an account from {"email", "name", "role", "password"}
// (admins).
func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Email    string             `json:"email"`
		Name     string             `json:"name"`
		Role     hindsight.UserRole `json:"role"`
		Password string             `json:"password"`
	}
	if !h.decodeBody(w, r, &body) {
		return
	}
	u, err := h.svc.AddUser(r.Context(), hindsight.NewUser{Email: body.Email, Name: body.Name, Role: body.Role, Password: body.Password})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, u)
}

// changeUser changes an account's role, disabled state or groups, each
// only when present in the body (admins).
func (h *Handler) changeUser(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Role     *hindsight.UserRole `json:"role"`
		Disabled *bool               `json:"disabled"`
		Groups   *[]string           `json:"groups"`
	}
	if !h.decodeBody(w, r, &body) {
		return
	}
	ctx, id := r.Context(), r.PathValue("uid")
	var u *hindsight.User
	var err error
	if body.Role != nil {
		u, err = h.svc.SetRole(ctx, id, *body.Role)
	}
	if err == nil && body.Disabled != nil {
		u, err = h.svc.SetDisabled(ctx, id, *body.Disabled)
	}
	if err == nil && body.Groups != nil {
		u, err = h.svc.SetGroups(ctx, id, *body.Groups)
	}
	if err == nil && u == nil {
		err = hindsight.Invalid("body", "names nothing to change: send role, disabled or groups")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

// resetLink makes a one-time set-password link for an account (admins).
func (h *Handler) resetLink(w http.ResponseWriter, r *http.Request) {
	secret, err := h.svc.ResetLink(r.Context(), r.PathValue("uid"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"path": "/reset/" + secret, "expires_in_seconds": int(hindsight.ResetLinkTTL.Seconds())})
}

// listAudit answers a page of the audit log (admins).
func (h *Handler) listAudit(w http.ResponseWriter, r *http.Request) {
	f, err := filter.Audit(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	page, err := h.svc.Audit(r.Context(), f)
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// decodeBody reads a small JSON body with no unknown fields; it answers
// the error itself and reports whether to go on.
func (h *Handler) decodeBody(w http.ResponseWriter, r *http.Request, dst any) bool {
	if err := requireType(r, "application/json"); err != nil {
		h.fail(w, r, err)
		return false
	}
	b, err := h.readBody(w, r)
	if err != nil {
		h.fail(w, r, err)
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		h.fail(w, r, &problem.Error{Status: http.StatusBadRequest, Title: "Malformed JSON", Fields: []hindsight.FieldError{{Field: "body", Message: jsonMessage(err)}}})
		return false
	}
	var raw any
	json.Unmarshal(b, &raw)
	var nul []hindsight.FieldError
	if nulFields(raw, "", &nul); len(nul) > 0 {
		h.fail(w, r, &problem.Error{Status: http.StatusBadRequest, Title: "Invalid JSON fields", Fields: nul})
		return false
	}
	return true
}
