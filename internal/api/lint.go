package api

import (
	"mime"
	"net/http"

	"hindsight/internal/lint"
)

// lintPostMortem answers POST /lint: a Markdown body is checked line by
// line, a JSON post-mortem field by field. Findings are advice, so the
// answer is 200 either way.
func (h *Handler) lintPostMortem(w http.ResponseWriter, r *http.Request) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var findings []lint.Finding
	switch mt {
	case "text/markdown", "text/plain", "text/x-markdown":
		b, err := h.readBody(w, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		findings = lint.CheckMarkdown(b)
	default:
		p, err := h.decodePostMortem(w, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Normalize()
		findings = lint.CheckPostMortem(p)
	}
	if findings == nil {
		findings = []lint.Finding{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"findings": findings})
}
