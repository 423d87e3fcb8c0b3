package web

import (
	"net/http"

	"hindsight/internal/bundle"
	"hindsight/internal/markdown"
)

// download sends the post-mortem in the guide's Markdown template, its
// images linked absolutely under the base URL when one is set.
func (h *Handler) download(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+markdown.Filename(p.Title)+`.md"`)
	w.Write(markdown.Render(p.WithAbsoluteLinks(h.opts.BaseURL)))
}

// downloadBundle sends the post-mortem's bundle: a .zip of its Markdown
// and the images it shows, linked relatively, readable anywhere and
// importable again with its images.
func (h *Handler) downloadBundle(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := bundle.Serve(w, r, h.svc, p, h.opts.BaseURL); err != nil {
		h.fail(w, r, err)
	}
}
