package api

import (
	"net/http"

	"hindsight/internal/markdown"
)

// exportMarkdown answers with the post-mortem in the guide's template.
func (h *Handler) exportMarkdown(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+markdown.Filename(p.Title)+`.md"`)
	w.Header().Set("ETag", etag(p.Version))
	w.Write(markdown.Render(p))
}

// importMarkdown creates a post-mortem from a Markdown body, answering
// exactly as create does.
func (h *Handler) importMarkdown(w http.ResponseWriter, r *http.Request) {
	if err := requireType(r, "text/markdown", "text/plain", "text/x-markdown"); err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := h.readBody(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := markdown.Parse(b)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.createAndRespond(w, r, p)
}
