package web

import (
	"net/http"
)

// listKey is what a page showing many post-mortems depends on: the
// request (path and query), the data version (see Service.DataVersion),
// the reader's zone, the day (what is overdue, what is due) and the
// reader.
type listKey struct {
	uri    string
	data   int64
	zone   string
	day    string
	reader string
}

// cachedPage serves a page that depends only on the post-mortems stored
// and the listKey: the list, the countermeasure tracker and insights. It
// is rendered once per data version and reader and served from memory
// after that, as the post-mortem page is; the version is one indexed
// read, so no instance serves a page older than the last committed change.
// build answers errors itself and reports whether its page may be kept.
func (h *Handler) cachedPage(w http.ResponseWriter, r *http.Request, name string, build func(http.ResponseWriter, *http.Request) ([]byte, bool)) {
	version, err := h.svc.DataVersion(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	key := listKey{r.URL.RequestURI(), version, zoneOf(r).String(), h.svc.Now().UTC().Format("2006-01-02"), me(r).CacheKey()}
	body, hit := h.lists.Get(key)
	h.opts.Metrics.CacheLookup(name, hit)
	if hit {
		writeHTML(w, body)
		return
	}
	if body, ok := build(w, r); ok {
		h.lists.Put(key, body)
		writeHTML(w, body)
	}
}
