package calendar

import (
	"bytes"
	"net/http"
	"strings"

	"hindsight"
	"hindsight/internal/pagecache"
	"hindsight/internal/problem"
	"hindsight/internal/publicurl"
)

// feedKey is what a feed depends on: the request, the public address its
// links use, the data version, the day and the reader.
type feedKey struct {
	uri, base string
	data      int64
	day       string
	reader    string
}

// feeds keeps rendered feeds: calendar apps poll them, and building one
// reads every open countermeasure and every meeting date.
type feeds = pagecache.Cache[feedKey]

func newFeeds() *feeds { return pagecache.New[feedKey](256, 64<<20) }

// Handler serves GET /calendar.ics[?owner=NAME] to a signed-in browser.
// Links use baseURL, or the request's own host when it is empty.
func Handler(svc *hindsight.Service, baseURL string) http.HandlerFunc {
	cache := newFeeds()
	return func(w http.ResponseWriter, r *http.Request) { serve(w, r, svc, baseURL, cache) }
}

// FeedHandler serves GET /calendar/{secret}.ics: a user's private feed,
// which calendar apps poll without signing in. The secret is a feed token
// of the user's (revocable on their account page); the feed shows what
// that user may see.
func FeedHandler(svc *hindsight.Service, baseURL string, clientIP func(*http.Request) string) http.HandlerFunc {
	cache := newFeeds()
	return func(w http.ResponseWriter, r *http.Request) {
		secret := strings.TrimSuffix(r.PathValue("secret"), ".ics")
		p, err := svc.Authenticate(r.Context(), secret, hindsight.TokenFeed, clientIP(r))
		if err != nil {
			fail(w, r, err)
			return
		}
		serve(w, r.WithContext(hindsight.WithPrincipal(r.Context(), p)), svc, baseURL, cache)
	}
}

// serve answers with the feed, built once per data version, day and
// reader.
func serve(w http.ResponseWriter, r *http.Request, svc *hindsight.Service, baseURL string, cache *feeds) {
	base := publicurl.Of(r, baseURL)
	version, err := svc.DataVersion(r.Context())
	if err != nil {
		fail(w, r, err)
		return
	}
	who, _ := hindsight.PrincipalFrom(r.Context())
	key := feedKey{r.URL.RequestURI(), base, version, svc.Now().UTC().Format("2006-01-02"), who.User.CacheKey()}
	body, ok := cache.Get(key)
	if !ok {
		if body, ok = build(w, r, svc, base); !ok {
			return
		}
		cache.Put(key, body)
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Write(body)
}

// build makes the feed; it answers errors itself.
func build(w http.ResponseWriter, r *http.Request, svc *hindsight.Service, base string) ([]byte, bool) {
	owner := r.URL.Query().Get("owner")
	events, err := Events(r.Context(), svc, owner, base)
	if err != nil {
		fail(w, r, err)
		return nil, false
	}
	name := "Hindsight"
	if owner != "" {
		name += ": " + owner
	}
	var buf bytes.Buffer
	if err := Write(&buf, name, events); err != nil {
		fail(w, r, err)
		return nil, false
	}
	return buf.Bytes(), true
}

func fail(w http.ResponseWriter, r *http.Request, err error) {
	problem.Fail(w, r, err, "calendar feed")
}
