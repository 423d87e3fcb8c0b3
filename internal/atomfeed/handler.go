package atomfeed

import (
	"bytes"
	"net/http"
	"strings"

	"hindsight"
	"hindsight/internal/problem"
	"hindsight/internal/publicurl"
)

// Handler serves GET /feeds/{secret}.atom[?tag=|team=|service=]: a
// user's private feed of published post-mortems. The secret is one of the
// user's feed tokens (made and revoked on their account page; the same
// token opens their calendar feed); the feed lists what that user may
// read. Links use baseURL, or the request's own host when it is empty.
func Handler(svc *hindsight.Service, baseURL string, clientIP func(*http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		secret, ok := strings.CutSuffix(r.PathValue("secret"), ".atom")
		if !ok {
			fail(w, r, hindsight.ErrNotFound)
			return
		}
		p, err := svc.Authenticate(r.Context(), secret, hindsight.TokenFeed, clientIP(r))
		if err != nil {
			fail(w, r, err)
			return
		}
		base := publicurl.Of(r, baseURL)
		q := r.URL.Query()
		sel := Selection{Tag: q.Get("tag"), Team: q.Get("team"), Service: q.Get("service")}
		f, err := Build(hindsight.WithPrincipal(r.Context(), p), svc, sel, base, base+r.URL.RequestURI())
		if err != nil {
			fail(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, f); err != nil {
			fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		w.Header().Set("Cache-Control", "private, max-age=300")
		w.Write(buf.Bytes())
	}
}

func fail(w http.ResponseWriter, r *http.Request, err error) { problem.Fail(w, r, err, "atom feed") }
