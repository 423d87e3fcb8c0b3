package web

import (
	"net/http"

	"hindsight/internal/markdown"
)

// download sends the post-mortem in the guide's Markdown template.
func (h *Handler) download(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+markdown.Filename(p.Title)+`.md"`)
	w.Write(markdown.Render(p))
}
