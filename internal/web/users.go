package web

import (
	"net/http"
	"strings"

	"hindsight"
)

// usersData is what the admin's users page shows.
type usersData struct {
	Users  []hindsight.User
	Roles  []hindsight.UserRole
	Errors map[string]string
	// New is the account form as typed; Link a one-time set-password
	// link just made, to hand to its user.
	New     hindsight.NewUser
	Link    string
	LinkFor string
	Done    string
	SelfID  string
}

// users lists every account for admins: add, change role, disable, make a
// set-password link.
func (h *Handler) users(w http.ResponseWriter, r *http.Request) {
	h.usersPage(w, r, http.StatusOK, &usersData{Done: usersNotes[r.URL.Query().Get("done")]})
}

var usersNotes = map[string]string{"role": "Role changed.", "disable": "Account disabled: its sessions and tokens stopped working.",
	"enable": "Account enabled again.", "groups": "Groups changed.", "added": "Account added."}

func (h *Handler) usersPage(w http.ResponseWriter, r *http.Request, status int, d *usersData) {
	users, err := h.svc.Users(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Users, d.Roles, d.SelfID = users, hindsight.UserRoles, me(r).ID
	if d.Errors == nil {
		d.Errors = map[string]string{}
	}
	if d.New.Role == "" {
		d.New.Role = hindsight.Editor
	}
	h.render(w, r, status, "users", page{Title: "Users", Data: d})
}

// addUser adds an account with a password, or with a set-password link
// to hand over when no password is given.
func (h *Handler) addUser(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	d := &usersData{New: hindsight.NewUser{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: hindsight.UserRole(r.PostFormValue("role"))}}
	u, err := h.svc.AddUser(r.Context(), hindsight.NewUser{Email: d.New.Email, Name: d.New.Name, Role: d.New.Role, Password: r.PostFormValue("password")})
	if err == nil && !u.HasPassword {
		var secret string
		if secret, err = h.svc.ResetLink(r.Context(), u.ID); err == nil {
			d.Link, d.LinkFor = h.baseURL(r)+"/reset/"+secret, u.Email
		}
	}
	if h.usersFailed(w, r, d, err) {
		return
	}
	if d.Link != "" {
		d.New = hindsight.NewUser{}
		h.usersPage(w, r, http.StatusOK, d)
		return
	}
	http.Redirect(w, r, "/admin/users?done=added", http.StatusSeeOther)
}

// userAction changes an account: role, disable, enable, groups, reset.
func (h *Handler) userAction(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	ctx, id, action := r.Context(), r.PathValue("id"), r.PathValue("action")
	d := &usersData{}
	var err error
	switch action {
	case "role":
		_, err = h.svc.SetRole(ctx, id, hindsight.UserRole(r.PostFormValue("role")))
	case "disable", "enable":
		_, err = h.svc.SetDisabled(ctx, id, action == "disable")
	case "groups":
		_, err = h.svc.SetGroups(ctx, id, splitComma(r.PostFormValue("groups")))
	case "reset":
		var secret string
		if secret, err = h.svc.ResetLink(ctx, id); err == nil {
			d.Link, d.LinkFor = h.baseURL(r)+"/reset/"+secret, r.PostFormValue("email")
		}
	default:
		h.notFound(w, r)
		return
	}
	if h.usersFailed(w, r, d, err) {
		return
	}
	if action == "reset" {
		h.usersPage(w, r, http.StatusOK, d)
		return
	}
	http.Redirect(w, r, "/admin/users?done="+action, http.StatusSeeOther)
}

// usersFailed shows a refused change on the users page; it reports
// whether there was one.
func (h *Handler) usersFailed(w http.ResponseWriter, r *http.Request, d *usersData, err error) bool {
	if err == nil {
		return false
	}
	if v := asValidation(err); v != nil {
		d.Errors = map[string]string{}
		for _, f := range v.Fields {
			d.Errors[strings.SplitN(f.Field, "[", 2)[0]] = f.Message
		}
		h.usersPage(w, r, http.StatusUnprocessableEntity, d)
		return true
	}
	h.fail(w, r, err)
	return true
}
