package calendar

import (
	"bytes"
	"net/http"
	"strings"

	"hindsight"
	"hindsight/internal/problem"
	"hindsight/internal/publicurl"
)

// Handler serves GET /calendar.ics[?owner=NAME] to a signed-in browser.
// Links use baseURL, or the request's own host when it is empty.
func Handler(svc *hindsight.Service, baseURL string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { serve(w, r, svc, baseURL) }
}

// FeedHandler serves GET /calendar/{secret}.ics: a user's private feed,
// which calendar apps poll without signing in. The secret is a feed token
// of the user's (revocable on their account page); the feed shows what
// that user may see.
func FeedHandler(svc *hindsight.Service, baseURL string, clientIP func(*http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		secret := strings.TrimSuffix(r.PathValue("secret"), ".ics")
		p, err := svc.Authenticate(r.Context(), secret, hindsight.TokenFeed, clientIP(r))
		if err != nil {
			fail(w, r, err)
			return
		}
		serve(w, r.WithContext(hindsight.WithPrincipal(r.Context(), p)), svc, baseURL)
	}
}

func serve(w http.ResponseWriter, r *http.Request, svc *hindsight.Service, baseURL string) {
	base := publicurl.Of(r, baseURL)
	owner := r.URL.Query().Get("owner")
	events, err := Events(r.Context(), svc, owner, base)
	if err != nil {
		fail(w, r, err)
		return
	}
	name := "Hindsight"
	if owner != "" {
		name += ": " + owner
	}
	var buf bytes.Buffer
	if err := Write(&buf, name, events); err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Write(buf.Bytes())
}

func fail(w http.ResponseWriter, r *http.Request, err error) {
	problem.Fail(w, r, err, "calendar feed")
}
