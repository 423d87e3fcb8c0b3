package web

import (
	"io"
	"net/http"

	"hindsight"
	"hindsight/internal/markdown"
)

// importData is what the import page shows: the Markdown, and once read,
// what it became or what is wrong with it.
type importData struct {
	Source string
	P      *hindsight.PostMortem
	Errors []hindsight.FieldError
}

func (h *Handler) importForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "import", page{Title: "Import Markdown", Data: importData{}})
}

// importPost reads pasted or uploaded Markdown. "Preview" shows what it
// becomes; "Save as draft" stores it and opens it.
func (h *Handler) importPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, markdown.MaxSize+64<<10)
	src := r.FormValue("markdown")
	if f, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(f)
		f.Close()
		if err == nil && len(b) > 0 {
			src = string(b)
		}
	}
	d := importData{Source: src}
	p, err := markdown.Parse([]byte(src))
	if err == nil {
		// An import is saved as a draft, whatever the file says, so it is
		// read over before it is announced.
		p.Status = hindsight.StatusDraft
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
