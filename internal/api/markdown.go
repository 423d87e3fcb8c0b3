package api

import (
	"io"
	"mime"
	"net/http"

	"hindsight"
	"hindsight/internal/bundle"
	"hindsight/internal/importer"
	"hindsight/internal/markdown"
	"hindsight/internal/problem"
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
	w.Write(markdown.Render(p.WithAbsoluteLinks(h.opts.BaseURL)))
}

// exportBundle answers with the post-mortem's bundle: a zip of its
// Markdown and the images it shows, linked relatively.
func (h *Handler) exportBundle(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(p.Version))
	if err := bundle.Serve(w, r, h.svc, p, h.opts.BaseURL); err != nil {
		w.Header().Del("ETag")
		h.fail(w, r, err)
	}
}

// readImport reads the document to import: Markdown, or a bundle
// (application/zip) whose images become the draft's attachments.
func (h *Handler) readImport(w http.ResponseWriter, r *http.Request) ([]byte, string, error) {
	name := r.URL.Query().Get("name")
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/zip" {
		b, err := h.readBody(w, r)
		return b, name, err
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, bundle.MaxBytes(h.opts.MaxUploadBytes)))
	if err != nil {
		return nil, "", err
	}
	b, err := bundle.Read(data)
	if err != nil {
		return nil, "", &problem.Error{Status: http.StatusUnprocessableEntity, Title: "Not a bundle",
			Fields: []hindsight.FieldError{{Field: "body", Message: err.Error()}}}
	}
	md, _, err := bundle.UploadImages(r.Context(), h.svc, b.Markdown, b.Files, h.opts.MaxUploadBytes)
	if name == "" {
		name = b.Name
	}
	return md, name, err
}

// importMarkdown creates a draft post-mortem from Markdown of any shape:
// 201 like a JSON create, with the import's report (recognised, not
// recognised, assumed, proposed incident times) as "import_report".
// A bundle (application/zip, as exported) brings its images along.
// ?name= gives the file name (a title for a document without one);
// ?accept_proposed_times=true sets the proposed incident times.
func (h *Handler) importMarkdown(w http.ResponseWriter, r *http.Request) {
	if err := requireType(r, "text/markdown", "text/plain", "text/x-markdown", "application/zip"); err != nil {
		h.fail(w, r, err)
		return
	}
	b, name, err := h.readImport(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := importer.Markdown(b, name, h.svc.Policy)
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
