package web

import (
	"io"
	"net/http"

	"hindsight"
	"hindsight/internal/bundle"
	"hindsight/internal/importer"
	"hindsight/internal/markdown"
)

// importData is what the import page shows: the Markdown, and once read,
// what it became, the import's report, or what is wrong with it.
type importData struct {
	Source string
	Name   string
	P      *hindsight.PostMortem
	Report *markdown.Report
	Errors []hindsight.FieldError
	// Images counts those a bundle brought, kept for the save.
	Images int
}

func (h *Handler) importForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "import", page{Title: "Import Markdown", Data: importData{}})
}

// importPost reads pasted or uploaded Markdown, or a bundle (.zip) with
// its images. "Preview" shows what it becomes; "Save as draft" stores it
// and opens it. A bundle's images are kept as pending uploads at once and
// the Markdown shown links them, so the save (which sends that Markdown)
// makes them the draft's attachments.
func (h *Handler) importPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, bundle.MaxBytes(h.opts.MaxUploadBytes)+64<<10)
	src, name := r.FormValue("markdown"), r.FormValue("name")
	d := importData{}
	if f, hdr, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(f)
		f.Close()
		if err == nil && len(b) > 0 {
			src, name = string(b), hdr.Filename
		}
		if bundle.IsZip(b) {
			if src, name, d.Images, err = h.readBundle(r, b); err != nil {
				d.Errors = []hindsight.FieldError{{Field: "file", Message: err.Error()}}
				h.render(w, r, http.StatusUnprocessableEntity, "import", page{Title: "Import Markdown", Data: d})
				return
			}
		}
	}
	d.Source, d.Name = src, name
	// Any document imports, as a draft, so it is read over before it is
	// announced; the report says what needs a look.
	doc, err := importer.Markdown([]byte(src), name, h.svc.Policy)
	var p *hindsight.PostMortem
	if err == nil {
		p, d.Report = doc.PostMortem, doc.Report
		if r.FormValue("accept_times") != "" {
			d.Report.Proposed.Accept(p)
		}
		err = h.svc.Prepare(p)
	}
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusUnprocessableEntity, "import", page{Title: "Import Markdown", Data: d})
		return
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.FormValue("save") == "" {
		d.P = p
		h.render(w, r, http.StatusOK, "import", page{Title: "Import Markdown", Data: d})
		return
	}
	if err := h.svc.Create(r.Context(), p); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/postmortems/"+p.ID+"?saved=1", http.StatusSeeOther)
}

// readBundle reads an uploaded bundle: its Markdown, linking its images
// kept as the writer's pending uploads.
func (h *Handler) readBundle(r *http.Request, data []byte) (src, name string, images int, err error) {
	b, err := bundle.Read(data)
	if err != nil {
		return "", "", 0, err
	}
	md, n, err := bundle.UploadImages(r.Context(), h.svc, b.Markdown, b.Files, h.opts.MaxUploadBytes)
	if err != nil {
		return "", "", 0, err
	}
	return string(md), b.Name, n, nil
}
