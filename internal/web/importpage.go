package web

import (
	"io"
	"net/http"

	"hindsight"
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
}

func (h *Handler) importForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "import", page{Title: "Import Markdown", Data: importData{}})
}

// importPost reads pasted or uploaded Markdown. "Preview" shows what it
// becomes; "Save as draft" stores it and opens it.
func (h *Handler) importPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, markdown.MaxSize+64<<10)
	src, name := r.FormValue("markdown"), r.FormValue("name")
	if f, hdr, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(f)
		f.Close()
		if err == nil && len(b) > 0 {
			src, name = string(b), hdr.Filename
		}
	}
	d := importData{Source: src, Name: name}
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
