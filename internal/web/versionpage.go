package web

import (
	"errors"
	"net/http"
	"strconv"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// oldVersion is what the page of an earlier version adds to the view: it
// is not the current one, and may be restored.
type oldVersion struct {
	Current    int64
	MayRestore bool
}

// version shows a post-mortem as it was at version n, laid out like the
// current one, with a form to restore it.
func (h *Handler) version(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	n, err := filter.Version(r.PathValue("n"), "version")
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	head, err := h.svc.Head(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if n == head.Version {
		http.Redirect(w, r, "/postmortems/"+id, http.StatusSeeOther)
		return
	}
	p, err := h.svc.Version(r.Context(), id, n)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc := zoneOf(r)
	d := viewData{P: p, Roles: hindsight.Roles, Zone: loc.String(), Events: eventRows(p.Events, loc),
		Old: &oldVersion{Current: head.Version, MayRestore: h.svc.MayEdit(r.Context(), head)}}
	h.render(w, r, http.StatusOK, "view", page{Title: p.Title + " (version " + strconv.FormatInt(n, 10) + ")", Data: d})
}

// restore saves version n's content as a new version, if the post-mortem
// is still at the version the page showed.
func (h *Handler) restore(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	n, err := filter.Version(r.PathValue("n"), "version")
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	current, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	_, err = h.svc.Restore(r.Context(), id, n, current, r.PostFormValue("change_note"))
	if errors.Is(err, hindsight.ErrConflict) {
		h.render(w, r, http.StatusConflict, "error", page{Title: "Not restored",
			Data: "Someone saved this post-mortem after you opened this version, so nothing was restored. Open its history to see the change."})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/postmortems/"+id+"?restored="+strconv.FormatInt(n, 10), http.StatusSeeOther)
}
