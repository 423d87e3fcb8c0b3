package api

import (
	"net/http"

	"hindsight"
	"hindsight/internal/importer"
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

// importMarkdown creates a draft post-mortem from Markdown of any shape:
// 201 like a JSON create, with the import's report (recognised, not
// recognised, assumed, proposed incident times) as "import_report".
// ?name= gives the file name (a title for a document without one);
// ?accept_proposed_times=true sets the proposed incident times.
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
	d, err := importer.Markdown(b, r.URL.Query().Get("name"), h.svc.Policy)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("accept_proposed_times") == "true" {
		d.Report.Proposed.Accept(d.PostMortem)
	}
	p := d.PostMortem
	p.ID = ""
	if err := h.svc.Create(r.Context(), p); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/postmortems/"+p.ID)
	w.Header().Set("ETag", etag(p.Version))
	writeJSON(w, http.StatusCreated, struct {
		*hindsight.PostMortem
		ImportReport *markdown.Report `json:"import_report"`
	}{p, d.Report})
}
