package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/problem"
	"hindsight/internal/versiondiff"
)

// compareData is what the comparison of two versions shows.
type compareData struct {
	P      *hindsight.PostMortem
	A, B   *hindsight.PostMortem
	Diff   versiondiff.Diff
	Others []int64 // every version, for picking another pair
}

// compare shows two versions side by side: each changed field with the
// older value on the left and the newer on the right, changed words
// marked. Without from and to it shows the last change.
func (h *Handler) compare(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	p, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	from, to, err := filter.Compare(r.URL.Query(), p.Version)
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	a, b, err := h.svc.Compare(r.Context(), id, from, to)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc := zoneOf(r)
	d := compareData{P: p, A: a, B: b, Diff: versiondiff.Compare(a, b, func(t time.Time) string { return when(&t, loc) })}
	h.render(w, r, http.StatusOK, "compare", page{Title: "Compare versions: " + p.Title, Data: d})
}

// diffSide writes one side of a changed field: the older side keeps what
// was deleted, the newer what was inserted, each marked (and named for
// screen readers, which do not announce <del> and <ins>).
func diffSide(f versiondiff.Field, newer bool) template.HTML {
	var b strings.Builder
	mark := func(op versiondiff.Op, text string) {
		esc := template.HTMLEscapeString(text)
		switch op {
		case versiondiff.Delete:
			b.WriteString(`<del><span class="visually-hidden">removed: </span>` + esc + `</del>`)
		case versiondiff.Insert:
			b.WriteString(`<ins><span class="visually-hidden">added: </span>` + esc + `</ins>`)
		default:
			b.WriteString(esc)
		}
	}
	if f.Words == nil {
		if newer && f.To != "" {
			mark(versiondiff.Insert, f.To)
		} else if !newer && f.From != "" {
			mark(versiondiff.Delete, f.From)
		}
		return template.HTML(b.String())
	}
	for _, s := range f.Words {
		if (newer && s.Op == versiondiff.Delete) || (!newer && s.Op == versiondiff.Insert) {
			continue
		}
		mark(s.Op, s.Text)
	}
	return template.HTML(b.String())
}
