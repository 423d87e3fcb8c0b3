package web

import (
	"net/http"

	"hindsight"
)

// setupData is what the first-admin and set-password pages show.
type setupData struct {
	Secret      string
	Email, Name string
	// For is the account a reset link sets the password of.
	For    *hindsight.User
	Errors map[string]string
}

// setupForm asks for the first admin's account, from the one-time link
// Hindsight printed at its first start.
func (h *Handler) setupForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "setup", page{Title: "Set up Hindsight", Data: setupData{Secret: r.PathValue("secret")}})
}

func (h *Handler) setupPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	d := setupData{Secret: r.PathValue("secret"), Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Errors: map[string]string{}}
	if r.PostFormValue("password") != r.PostFormValue("password2") {
		d.Errors["password2"] = "is not the same password"
		h.render(w, r, http.StatusUnprocessableEntity, "setup", page{Title: "Set up Hindsight", Data: d})
		return
	}
	u, err := h.svc.CompleteSetup(r.Context(), d.Secret, hindsight.NewUser{Email: d.Email, Name: d.Name, Password: r.PostFormValue("password")}, h.opts.ClientIP(r))
	if v := asValidation(err); v != nil {
		for _, f := range v.Fields {
			d.Errors[f.Field] = f.Message
		}
		h.render(w, r, http.StatusUnprocessableEntity, "setup", page{Title: "Set up Hindsight", Data: d})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.startSession(w, r, u, "/admin/users")
}

// resetForm asks for a new password, from a link an admin made.
func (h *Handler) resetForm(w http.ResponseWriter, r *http.Request) {
	u, err := h.svc.ResetLinkUser(r.Context(), r.PathValue("secret"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "reset", page{Title: "Set your password", Data: setupData{Secret: r.PathValue("secret"), For: u}})
}

func (h *Handler) resetPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	d := setupData{Secret: r.PathValue("secret"), Errors: map[string]string{}}
	u, err := h.svc.ResetLinkUser(r.Context(), d.Secret)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.For = u
	if r.PostFormValue("password") != r.PostFormValue("password2") {
		d.Errors["password2"] = "is not the same password"
		h.render(w, r, http.StatusUnprocessableEntity, "reset", page{Title: "Set your password", Data: d})
		return
	}
	u, err = h.svc.CompleteReset(r.Context(), d.Secret, r.PostFormValue("password"), h.opts.ClientIP(r))
	if v := asValidation(err); v != nil {
		for _, f := range v.Fields {
			d.Errors[f.Field] = f.Message
		}
		h.render(w, r, http.StatusUnprocessableEntity, "reset", page{Title: "Set your password", Data: d})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/signin?done=password", http.StatusSeeOther)
}
