package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"

	"hindsight"
)

// viewMeta is what a cached post-mortem page needs to finish each view:
// whether the post-mortem is published (its reads are recorded and
// counted) and its stakeholders (to count those who read it). It depends
// on the version only, so it is kept once per version, not per reader.
type viewMeta struct {
	Published    bool
	Stakeholders []hindsight.Stakeholder
}

type metaKey struct {
	id      string
	version int64
}

// metaCacheBytes bounds the kept metadata.
const metaCacheBytes = 4 << 20

// viewMeta is kept as the stakeholders' JSON after a published one's
// "p", or a draft's "d" alone: most views are of drafts, which need
// nothing decoded.
func (h *Handler) viewMeta(id string, version int64) (viewMeta, bool) {
	var m viewMeta
	b, ok := h.metas.Get(metaKey{id, version})
	switch {
	case !ok || len(b) == 0:
		return m, false
	case b[0] == 'd':
		return m, true
	}
	m.Published = true
	return m, json.Unmarshal(b[1:], &m.Stakeholders) == nil
}

func (h *Handler) putViewMeta(id string, version int64, m viewMeta) {
	if !m.Published {
		h.metas.Put(metaKey{id, version}, []byte("d"))
		return
	}
	if b, err := json.Marshal(m.Stakeholders); err == nil {
		h.metas.Put(metaKey{id, version}, append([]byte("p"), b...))
	}
}

// readsMark is where the view page's read receipts go: they change with
// every new reader, so they are filled in on each view, not cached.
const readsMark = "<!--read receipts-->"

// serveView writes a rendered post-mortem page with its read receipts
// and, for a published post-mortem, notes that the reader opened it.
func (h *Handler) serveView(w http.ResponseWriter, r *http.Request, id string, body []byte, meta viewMeta) {
	at := -1
	if meta.Published {
		at = bytes.Index(body, []byte(readsMark))
	}
	if at < 0 {
		writeHTML(w, body)
		return
	}
	who, _ := hindsight.PrincipalFrom(r.Context())
	h.reads.note(who, id)
	rr, err := h.svc.ReadReceipts(r.Context(), id, append([]hindsight.Stakeholder{}, meta.Stakeholders...))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(body[:at])
	fmt.Fprintf(w, `<p class="reads muted small">%s <a href="/postmortems/%s/review#reads">Who read it</a></p>`, readsLine(rr), template.HTMLEscapeString(id))
	w.Write(body[at+len(readsMark):])
}

// readsLine says who read a post-mortem: "Read by 7 of 12 stakeholders,
// 41 people in total."
func readsLine(rr hindsight.ReadReceipts) string {
	people := "people"
	if rr.Total == 1 {
		people = "person"
	}
	if rr.Stakeholders == 0 {
		return fmt.Sprintf("Read by %d %s.", rr.Total, people)
	}
	return fmt.Sprintf("Read by %d of %d stakeholders, %d %s in total.", rr.StakeholdersRead, rr.Stakeholders, rr.Total, people)
}
