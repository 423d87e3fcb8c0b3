package api

import "net/http"

// docCacheBytes is the memory budget of encoded post-mortems: the few
// hundred that clients read most (see the web package's viewCacheBytes).
const docCacheBytes = 8 << 20

// docKey is what an encoded post-mortem depends on. Who may read it is
// checked on every request by the head lookup, and what a reader gets
// does not depend on who they are.
type docKey struct {
	id      string
	version int64
	pretty  bool
}

// get answers with one post-mortem and its ETag. The head lookup checks
// the reader may see it and gives the version, from memory while the data
// version stands (Service.PageHead), so a client's current copy is
// answered 304 and an unchanged post-mortem from memory, neither reading
// the database.
func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	head, err := h.svc.PageHead(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.Header.Get("If-None-Match") == etag(head.Version) {
		w.Header().Set("ETag", etag(head.Version))
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, pretty := w.(prettyWriter)
	key := docKey{head.ID, head.Version, pretty}
	if body, ok := h.docs.Get(key); ok {
		writeEncodedPostMortem(w, http.StatusOK, head.Version, body)
		return
	}
	p, err := h.svc.Get(r.Context(), head.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := encodeJSON(w, p)
	if p.Version == head.Version {
		h.docs.Put(key, body)
	}
	writeEncodedPostMortem(w, http.StatusOK, p.Version, body)
}
