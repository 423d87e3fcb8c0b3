package api

import (
	"net/http"
	"strconv"

	"hindsight"
)

// uploadPending keeps an image for a post-mortem not created yet: a
// create that links its url (in any Markdown field) makes it the new
// post-mortem's attachment and rewrites the link. Unlinked, it is purged
// after the upload time (24 h by default).
func (h *Handler) uploadPending(w http.ResponseWriter, r *http.Request) {
	name, data, err := h.readImage(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	u := &hindsight.Upload{Filename: name, Data: data}
	if err := h.svc.AddUpload(r.Context(), u); err != nil {
		h.fail(w, r, notImage(err))
		return
	}
	h.created(w, hindsight.UploadURL(u.ID), u.ID, u.Filename, u.ContentType, len(u.Data))
}

// getPending serves a pending upload to the user who uploaded it.
func (h *Handler) getPending(w http.ResponseWriter, r *http.Request) {
	u, err := h.svc.Upload(r.Context(), r.PathValue("uid"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", u.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	w.Write(u.Data)
}

// listPeople suggests names: people named in the post-mortems the caller
// may see and the users who may sign in, whose name or a word of it
// starts with ?q=.
func (h *Handler) listPeople(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	names, err := h.svc.People(r.Context(), r.URL.Query().Get("q"), limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": names})
}
