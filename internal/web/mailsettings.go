package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"hindsight"
)

// mailData is what the admin's mail page shows.
type mailData struct {
	// S are the settings in force, or the form as typed when refused.
	S hindsight.MailSettingsView
	// Port is the port as typed, when refused.
	Port       string
	Securities []string
	Kinds      []hindsight.AnnouncementKind
	// To is the test mail's address (the admin's own by default).
	To     string
	Errors map[string]string
	// Failed says why the test mail was not sent.
	Failed string
	Done   string
}

var mailNotes = map[string]string{"saved": "Mail settings saved: they count from the next message, on every instance.",
	"reset": "The server's mail settings are back in force.", "sent": "Test mail sent: the mail server took it."}

// mailSettings shows the mail settings in force for admins: where they
// come from, a form to change them (the password is never shown), a
// button to put the server's back, and one to send a test mail.
func (h *Handler) mailSettings(w http.ResponseWriter, r *http.Request) {
	h.mailPage(w, r, http.StatusOK, &mailData{Done: mailNotes[r.URL.Query().Get("done")]})
}

func (h *Handler) mailPage(w http.ResponseWriter, r *http.Request, status int, d *mailData) {
	cur, err := h.svc.MailSettings(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Errors == nil {
		d.S, d.Errors = cur, map[string]string{}
	} else {
		d.S.PasswordSet, d.S.Source, d.S.On = cur.PasswordSet, cur.Source, cur.On
	}
	if d.To == "" {
		if u := me(r); u != nil {
			d.To = u.Email
		}
	}
	d.Securities, d.Kinds = hindsight.MailSecurities, hindsight.AnnouncementKinds
	h.render(w, r, status, "mail", page{Title: "Mail", Data: d})
}

// saveMailSettings saves the form; the password field left empty keeps
// the password in force.
func (h *Handler) saveMailSettings(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, err)
		return
	}
	f := r.PostForm
	m := hindsight.MailSettings{Host: f.Get("host"), Security: f.Get("security"), Username: f.Get("username"), Password: f.Get("password"),
		From: f.Get("from"), Lists: f.Get("lists")}
	var err error
	if p := strings.TrimSpace(f.Get("port")); p != "" {
		if m.Port, err = strconv.Atoi(p); err != nil {
			err = hindsight.Invalid("port", "must be a port number, not %q", p)
		}
	}
	if err == nil {
		_, err = h.svc.SetMailSettings(r.Context(), m)
	}
	if v := asValidation(err); v != nil {
		d := &mailData{S: hindsight.MailSettingsView{MailSettings: m}, Port: f.Get("port"), Errors: map[string]string{}}
		d.S.Password = ""
		for _, fe := range v.Fields {
			d.Errors[fe.Field] = fe.Message
		}
		h.mailPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/mail?done=saved", http.StatusSeeOther)
}

// resetMailSettings puts the server's mail settings back in force.
func (h *Handler) resetMailSettings(w http.ResponseWriter, r *http.Request) {
	h.seeOther(w, r, h.svc.ResetMailSettings(r.Context()), "/admin/mail?done=reset")
}

// sendTestMail sends a test mail at once and says how the mail server
// answered.
func (h *Handler) sendTestMail(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	to := r.PostFormValue("to")
	err := h.svc.SendTestMail(r.Context(), to)
	switch v := asValidation(err); {
	case err == nil:
		http.Redirect(w, r, "/admin/mail?done=sent", http.StatusSeeOther)
	case v != nil:
		h.mailPage(w, r, http.StatusUnprocessableEntity, &mailData{To: to, Failed: v.Fields[0].Message})
	case errors.Is(err, hindsight.ErrUpstream):
		h.mailPage(w, r, http.StatusBadGateway, &mailData{To: to, Failed: strings.TrimPrefix(err.Error(), hindsight.ErrUpstream.Error()+": ")})
	default:
		h.fail(w, r, err)
	}
}
