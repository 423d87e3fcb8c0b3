package web

import (
	"net/http"
	"strings"
)

// printTitle is a print stylesheet that puts the post-mortem's title at
// the top of every printed page. CSS cannot read the title from the page,
// and the page allows no inline styles, so the title comes in a
// stylesheet of its own, as a CSS string.
func (h *Handler) printTitle(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write([]byte(`@page { @top-left { content: "` + cssString(p.Title) + `"; font: 9pt system-ui, sans-serif; color: #444; } }` + "\n"))
}

// cssString escapes s for a double-quoted CSS string: quotes, backslashes
// and line ends become escapes, other control characters are dropped.
func cssString(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteString(`\` + string(c))
		case c == '\n' || c == '\r':
			b.WriteString(`\a `)
		case c < 0x20 || c == 0x7f:
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
