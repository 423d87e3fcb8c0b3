package web

import (
	"fmt"
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

// cachedPage serves a page that depends only on what is stored and the
// listKey: the list, the countermeasure tracker and insights. It is
// rendered once per version and reader and served from memory after that,
// as the post-mortem page is. version says what the page was built from:
// the data version (dataVersion, kept in memory and current with every
// change whose write has returned, on any instance — see
// hindsight.Versions — so no instance serves a page older than that) or,
// for insights, the time their snapshot was taken. Concurrent requests for a page being built
// wait for that build rather than start their own. build answers errors
// itself and reports whether its page may be kept.
func (h *Handler) cachedPage(w http.ResponseWriter, r *http.Request, name string, version func(*http.Request) (int64, error), build func(http.ResponseWriter, *http.Request) ([]byte, bool)) {
	v, err := version(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	key := listKey{r.URL.RequestURI(), v, zoneOf(r).String(), h.svc.Now().UTC().Format("2006-01-02"), me(r).CacheKey()}
	body, hit := h.lists.Get(key)
	h.opts.Metrics.CacheLookup(name, hit)
	if hit {
		writeHTML(w, body)
		return
	}
	type result struct {
		body []byte
		ok   bool
	}
	ran := false
	built, _, _ := h.builds.Do(fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%s", key.uri, key.data, key.zone, key.day, key.reader), func() (any, error) {
		ran = true
		body, ok := build(w, r)
		if ok {
			h.lists.Put(key, body)
		}
		return result{body, ok}, nil
	})
	res := built.(result)
	switch {
	case res.ok:
		writeHTML(w, res.body)
	case !ran:
		// The build this request waited for failed and answered its own
		// request; this one is answered by its own build.
		if body, ok := build(w, r); ok {
			writeHTML(w, body)
		}
	}
}

// dataVersion is the version of everything stored (Service.DataVersion).
func (h *Handler) dataVersion(r *http.Request) (int64, error) { return h.svc.DataVersion(r.Context()) }
