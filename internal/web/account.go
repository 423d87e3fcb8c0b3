package web

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"net/http"
	"slices"
	"strings"

	"hindsight"
	"hindsight/internal/publicurl"
)

// accountData is what the account page shows.
type accountData struct {
	User   *hindsight.User
	Tokens []hindsight.Token
	// Secret is a token just made, shown this once; FeedURL and AtomURL
	// the private calendar and Atom addresses of a feed token just made.
	Secret, FeedURL, AtomURL string
	// TOTPSecret and TOTPImage show an authenticator secret to scan
	// while it is being turned on.
	TOTPSecret string
	TOTPImage  string
	// Teams and Services are the names there are to follow: those of the
	// newest post-mortems and those the user follows.
	Teams, Services []string
	Errors          map[string]string
	Done            string
}

// totpSetupKey keeps the authenticator secret being set up in the
// session until a code confirms it.
const totpSetupKey = "totp_setup"

// account shows the signed-in user's account: password, second factor,
// API tokens and private calendar and Atom feeds.
func (h *Handler) account(w http.ResponseWriter, r *http.Request) {
	h.accountPage(w, r, http.StatusOK, &accountData{Done: accountNotes[r.URL.Query().Get("done")]})
}

var accountNotes = map[string]string{
	"password": "Your password is changed.", "totp-on": "The second factor is on: signing in now asks for a code from your app.",
	"totp-off": "The second factor is off.", "digest-on": "The weekly digest is on: it comes by e-mail once a week.",
	"digest-off": "The weekly digest is off.", "revoked": "The token is revoked; it stopped working at once.",
	"following": "Your teams and services are saved: To read lists their published post-mortems.",
}

func (h *Handler) accountPage(w http.ResponseWriter, r *http.Request, status int, d *accountData) {
	u, err := h.svc.Me(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Tokens, err = h.svc.Tokens(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	d.User = u
	teams, services, err := h.svc.TeamsAndServices(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Teams, d.Services = unionNames(teams, u.Teams), unionNames(services, u.Services)
	if d.Errors == nil {
		d.Errors = map[string]string{}
	}
	h.render(w, r, status, "account", page{Title: "Your account", Data: d})
}

// accountPost changes the account: password, totp-start, totp-confirm,
// totp-off, digest, token, feed.
func (h *Handler) accountPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	ctx := r.Context()
	d := &accountData{Errors: map[string]string{}}
	var err error
	done := ""
	switch r.PathValue("action") {
	case "password":
		if r.PostFormValue("password") != r.PostFormValue("password2") {
			err = hindsight.Invalid("password2", "is not the same password")
		} else {
			err, done = h.svc.ChangePassword(ctx, r.PostFormValue("current_password"), r.PostFormValue("password")), "password"
		}
	case "totp-start":
		key, kerr := h.svc.NewTOTPKey(ctx, "Hindsight")
		if err = kerr; err == nil {
			h.opts.Sessions.Put(ctx, totpSetupKey, key.Secret())
			d.TOTPSecret = key.Secret()
			if img, ierr := key.Image(200, 200); ierr == nil {
				var buf bytes.Buffer
				png.Encode(&buf, img)
				d.TOTPImage = "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
			}
		}
	case "totp-confirm":
		secret := h.opts.Sessions.GetString(ctx, totpSetupKey)
		if err = h.svc.ConfirmTOTP(ctx, secret, strings.TrimSpace(r.PostFormValue("code"))); err == nil {
			h.opts.Sessions.Remove(ctx, totpSetupKey)
			done = "totp-on"
		} else {
			d.TOTPSecret = secret
		}
	case "digest":
		_, err = h.svc.SetWeeklyDigest(ctx, r.PostFormValue("weekly") != "")
		done = "digest-off"
		if r.PostFormValue("weekly") != "" {
			done = "digest-on"
		}
	case "following":
		if err = r.ParseForm(); err == nil {
			f := r.PostForm
			_, err = h.svc.SetFollowing(ctx, append(f["team"], splitComma(f.Get("other_teams"))...), append(f["service"], splitComma(f.Get("other_services"))...))
			done = "following"
		}
	case "totp-off":
		err, done = h.svc.DisableTOTP(ctx, r.PostFormValue("password"), strings.TrimSpace(r.PostFormValue("code"))), "totp-off"
	case "token", "feed":
		n := hindsight.NewToken{Name: r.PostFormValue("name"), ReadOnly: r.PostFormValue("read_only") != "", Purpose: hindsight.TokenAPI}
		if r.PathValue("action") == "feed" {
			n = hindsight.NewToken{Name: "private feeds", Purpose: hindsight.TokenFeed}
		}
		if s := r.PostFormValue("expires"); s != "" && s != "never" {
			if n.ExpiresIn, err = hindsight.ParseDays(s); err != nil {
				err = hindsight.Invalid("expires", "must be a duration like 90d")
			}
		}
		if err == nil {
			var secret string
			if _, secret, err = h.svc.CreateToken(ctx, n); n.Purpose == hindsight.TokenFeed {
				d.FeedURL = h.baseURL(r) + "/calendar/" + secret + ".ics"
				d.AtomURL = h.baseURL(r) + "/feeds/" + secret + ".atom"
			} else {
				d.Secret = secret
			}
		}
	default:
		h.notFound(w, r)
		return
	}
	if v := asValidation(err); v != nil {
		for _, f := range v.Fields {
			field, _, _ := strings.Cut(f.Field, "[") // teams[2] is the teams field
			d.Errors[field] = f.Message
		}
		h.accountPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if done != "" {
		http.Redirect(w, r, "/account?done="+done, http.StatusSeeOther)
		return
	}
	h.accountPage(w, r, http.StatusOK, d)
}

// unionNames is a and the names of b it lacks (ignoring case), sorted.
func unionNames(a, b []string) []string {
	out := slices.Clone(a)
	for _, n := range b {
		if !slices.ContainsFunc(out, func(x string) bool { return strings.EqualFold(x, n) }) {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(x, y string) int { return strings.Compare(strings.ToLower(x), strings.ToLower(y)) })
	return out
}

// Follows reports whether the user follows the team or service name.
func (d *accountData) Follows(list []string, name string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, name) })
}

// revokeToken revokes one of the user's tokens.
func (h *Handler) revokeToken(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RevokeToken(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=revoked", http.StatusSeeOther)
}

// baseURL is the instance's public address, or the request's own.
func (h *Handler) baseURL(r *http.Request) string {
	return publicurl.Of(r, h.opts.BaseURL)
}
