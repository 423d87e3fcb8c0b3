package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"hindsight"
	"hindsight/internal/auth"
	"hindsight/internal/problem"
)

// identityRoutes are the pages of signing in and of accounts.
func (h *Handler) identityRoutes() {
	h.mux.HandleFunc("GET /signin", h.signinForm)
	h.mux.HandleFunc("POST /signin", h.signinPost)
	h.mux.HandleFunc("POST /signin/code", h.signinCode)
	h.mux.HandleFunc("POST /signout", h.signout)
	h.mux.HandleFunc("GET /auth/oidc/login", h.ssoBegin)
	h.mux.HandleFunc("GET /auth/oidc/callback", h.ssoFinish)
	h.mux.HandleFunc("GET /setup/{secret}", h.setupForm)
	h.mux.HandleFunc("POST /setup/{secret}", h.setupPost)
	h.mux.HandleFunc("GET /reset/{secret}", h.resetForm)
	h.mux.HandleFunc("POST /reset/{secret}", h.resetPost)
	h.mux.HandleFunc("GET /account", h.account)
	h.mux.HandleFunc("POST /account/{action}", h.accountPost)
	h.mux.HandleFunc("POST /account/tokens/{id}/revoke", h.revokeToken)
	h.mux.HandleFunc("GET /admin/users", h.users)
	h.mux.HandleFunc("POST /admin/users", h.addUser)
	h.mux.HandleFunc("POST /admin/users/{id}/{action}", h.userAction)
	h.mux.HandleFunc("GET /admin/audit", h.audit)
	h.mux.HandleFunc("GET /admin/webhooks", h.webhooks)
	h.mux.HandleFunc("GET /admin/mail", h.mailSettings)
	h.mux.HandleFunc("POST /admin/mail", h.saveMailSettings)
	h.mux.HandleFunc("POST /admin/mail/reset", h.resetMailSettings)
	h.mux.HandleFunc("POST /admin/mail/test", h.sendTestMail)
	h.mux.HandleFunc("POST /admin/webhooks", h.addWebhook)
	h.mux.HandleFunc("POST /admin/webhooks/allow", h.setWebhookAllow)
	h.mux.HandleFunc("POST /admin/webhooks/{id}", h.changeWebhook)
	h.mux.HandleFunc("POST /admin/webhooks/{id}/delete", h.deleteWebhook)
	h.mux.HandleFunc("POST /admin/webhooks/{id}/pause", h.pauseWebhook(true))
	h.mux.HandleFunc("POST /admin/webhooks/{id}/resume", h.pauseWebhook(false))
	h.mux.HandleFunc("POST /admin/webhooks/{id}/rotate-secret", h.rotateWebhookSecret)
	h.mux.HandleFunc("GET /admin/webhooks/deliveries", h.deliveries)
	h.mux.HandleFunc("POST /admin/webhooks/deliveries/{id}/redeliver", h.redeliver)
}

// signinData is what the sign-in page shows.
type signinData struct {
	Next, Email, Error string
	// Code asks for the authenticator code after a right password.
	Code bool
	SSO  string
	// Done says what just happened (a password set), from a fixed list
	// so no link can make the page say anything else.
	Done string
}

var signinNotes = map[string]string{"password": "Your password is set; sign in with it."}

func (h *Handler) signinPage(w http.ResponseWriter, r *http.Request, status int, d signinData) {
	if h.opts.SSO != nil {
		d.SSO = h.opts.SSO.Name()
	}
	h.render(w, r, status, "signin", page{Title: "Sign in", Data: d})
}

// toSignIn sends a reader who is not signed in to the sign-in page, to come
// back to where they were.
func (h *Handler) toSignIn(w http.ResponseWriter, r *http.Request) {
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		next = r.Referer()
	}
	http.Redirect(w, r, "/signin?next="+url.QueryEscape(localPath(next)), http.StatusSeeOther)
}

// localPath keeps a "next" address on this site: a path, never another
// host (an open redirect would lend Hindsight's name to a phishing page).
func localPath(next string) string {
	if u, err := url.Parse(next); err == nil && u.Host == "" && u.Scheme == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(u.Path, "/signin") {
		return u.RequestURI()
	}
	return "/"
}

func (h *Handler) signinForm(w http.ResponseWriter, r *http.Request) {
	d := signinData{Next: localPath(r.URL.Query().Get("next"))}
	if me(r) != nil {
		http.Redirect(w, r, d.Next, http.StatusSeeOther)
		return
	}
	d.Done = signinNotes[r.URL.Query().Get("done")]
	h.signinPage(w, r, http.StatusOK, d)
}

func (h *Handler) signinPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	d := signinData{Next: localPath(r.PostFormValue("next")), Email: r.PostFormValue("email")}
	u, err := h.svc.SignIn(r.Context(), d.Email, r.PostFormValue("password"), h.opts.ClientIP(r))
	switch {
	case errors.Is(err, hindsight.ErrTOTPRequired):
		if err := h.opts.Sessions.AwaitTOTP(r.Context(), u); err != nil {
			h.fail(w, r, err)
			return
		}
		d.Code = true
		h.signinPage(w, r, http.StatusOK, d)
		return
	case err != nil:
		h.signinFailed(w, r, d, err)
		return
	}
	h.startSession(w, r, u, d.Next)
}

// signinCode finishes a sign-in with the authenticator code.
func (h *Handler) signinCode(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	d := signinData{Next: localPath(r.PostFormValue("next")), Code: true}
	pending := h.opts.Sessions.PendingTOTP(r.Context())
	if pending == "" {
		h.signinPage(w, r, http.StatusUnauthorized, signinData{Next: d.Next, Error: "That took too long; sign in again."})
		return
	}
	u, err := h.svc.SignInTOTP(r.Context(), pending, strings.TrimSpace(r.PostFormValue("code")), h.opts.ClientIP(r))
	if err != nil {
		h.signinFailed(w, r, d, err)
		return
	}
	h.startSession(w, r, u, d.Next)
}

// signinFailed shows why a sign-in failed, in words that never tell which
// accounts exist.
func (h *Handler) signinFailed(w http.ResponseWriter, r *http.Request, d signinData, err error) {
	p, fault := problem.From(err, r.URL.Path)
	if fault {
		h.fail(w, r, err)
		return
	}
	d.Error = sentence(p.Detail)
	if len(p.Errors) > 0 {
		d.Error = sentence(p.Errors[0].Message)
	}
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", itoa(p.RetryAfter))
	}
	h.signinPage(w, r, p.Status, d)
}

// startSession signs u in under a new session id and goes on.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, u *hindsight.User, next string) {
	if err := h.opts.Sessions.SignIn(r.Context(), u); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// signout ends the session on the server.
func (h *Handler) signout(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.SignedOut(r.Context()); err != nil {
		slog.ErrorContext(r.Context(), "audit sign-out", "err", err)
	}
	if err := h.opts.Sessions.SignOut(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// ssoBegin sends the browser to the single sign-on provider.
func (h *Handler) ssoBegin(w http.ResponseWriter, r *http.Request) {
	if h.opts.SSO == nil {
		h.notFound(w, r)
		return
	}
	to, err := h.opts.SSO.Begin(r.Context(), h.opts.Sessions, localPath(r.URL.Query().Get("next")))
	if err != nil {
		h.ssoFailed(w, r, err)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// ssoFinish signs in the identity the provider sends back.
func (h *Handler) ssoFinish(w http.ResponseWriter, r *http.Request) {
	if h.opts.SSO == nil {
		h.notFound(w, r)
		return
	}
	id, next, err := h.opts.SSO.Finish(r.Context(), h.opts.Sessions, r)
	if err != nil {
		h.ssoFailed(w, r, err)
		return
	}
	u, err := h.svc.SignInExternal(r.Context(), id, h.opts.ClientIP(r))
	if err != nil {
		h.ssoFailed(w, r, err)
		return
	}
	h.startSession(w, r, u, localPath(next))
}

func (h *Handler) ssoFailed(w http.ResponseWriter, r *http.Request, err error) {
	d := signinData{Next: "/"}
	switch p, fault := problem.From(err, r.URL.Path); {
	case errors.Is(err, auth.ErrSSO):
		slog.WarnContext(r.Context(), "single sign-on failed", "err", err)
		d.Error = sentence(err.Error())
		h.signinPage(w, r, http.StatusUnauthorized, d)
	case fault:
		h.fail(w, r, err)
	default:
		d.Error = sentence(p.Detail)
		h.signinPage(w, r, p.Status, d)
	}
}
