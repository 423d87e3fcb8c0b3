package web

import "net/http"

// preview renders Markdown the way the view page will, for the form's
// preview.
func (h *Handler) preview(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	src := r.PostFormValue("text")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(h.md.Render(src)))
}
