package web

import (
	"net/http"
	"net/url"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// trashData is what the trash page shows.
type trashData struct {
	Items   []hindsight.TrashItem
	Next    string
	Days    int
	IsAdmin bool
}

// trash lists the deleted post-mortems the reader may restore (admins:
// all of them), most recently deleted first, with when each goes for
// good.
func (h *Handler) trash(w http.ResponseWriter, r *http.Request) {
	f, err := filter.Trash(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	page1, err := h.svc.Trash(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u := me(r)
	d := trashData{Items: page1.Items, Days: h.svc.TrashDays(), IsAdmin: u != nil && u.Role == hindsight.Admin}
	if page1.NextCursor != "" {
		d.Next = "/trash?" + url.Values{"cursor": {page1.NextCursor}}.Encode()
	}
	flash := ""
	if r.URL.Query().Get("flash") == "deleted" {
		flash = "Moved to the trash. Restore it here if that was a mistake."
	}
	h.render(w, r, http.StatusOK, "trash", page{Title: "Trash", Flash: flash, Data: d})
}

// restoreFromTrash puts a post-mortem back whole and opens it.
func (h *Handler) restoreFromTrash(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := h.svc.RestoreFromTrash(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/postmortems/"+id, http.StatusSeeOther)
}

// purgeConfirm asks before a post-mortem in the trash is deleted for
// good; purge does it once confirmed. Only admins may.
func (h *Handler) purgeConfirm(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.Trashed(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "purge", page{Title: "Delete " + t.Title + " for good", Data: t})
}

func (h *Handler) purge(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("confirm") != "yes" {
		h.purgeConfirm(w, r)
		return
	}
	if err := h.svc.Purge(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/trash", http.StatusSeeOther)
}
