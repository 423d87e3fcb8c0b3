package web

import (
	"errors"
	"net/http"
	"strconv"

	"hindsight"
)

// deleteData is what the delete confirmation shows.
type deleteData struct {
	ID, Title string
	Version   int64
	TrashDays int
	// Meeting is its scheduled meeting, whose invitations the move calls
	// off: the page says so before anyone is told.
	Meeting hindsight.MeetingState
}

// deleteConfirm asks before a post-mortem is deleted, with or without the
// page script: deleting is a page of its own with one button.
func (h *Handler) deleteConfirm(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.svc.Meeting(r.Context(), p.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "delete", page{Title: "Delete " + p.Title, Data: deleteData{p.ID, p.Title, p.Version, h.svc.TrashDays(), m}})
}

// delete removes a post-mortem once confirmed, only if it is still the
// version that was confirmed: nobody deletes a change they have not seen.
// A post without the confirmation shows the question instead.
func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if r.PostFormValue("confirm") != "yes" {
		h.deleteConfirm(w, r)
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	err := h.svc.Delete(r.Context(), id, version)
	if errors.Is(err, hindsight.ErrConflict) {
		h.render(w, r, http.StatusConflict, "error", page{Title: "Not deleted", Data: "Someone changed this post-mortem after you opened it, so it was not deleted. Open it again to see the change."})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/trash?flash=deleted", http.StatusSeeOther)
}
