package web

import (
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"hindsight"
	"hindsight/internal/markdown"
)

// download sends the post-mortem in the guide's Markdown template.
func (h *Handler) download(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+markdown.Filename(p.Title)+`.md"`)
	w.Write(markdown.Render(p))
}

// delete removes a post-mortem after the confirmation on its page, only
// if it is still the version that page showed: nobody deletes a change
// they have not seen.
func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	current, err := h.svc.Version(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if strconv.FormatInt(current, 10) != r.PostFormValue("version") {
		h.render(w, r, http.StatusConflict, "error", page{Title: "Not deleted", Data: "Someone changed this post-mortem after you opened it, so it was not deleted. Open it again to see the change."})
		return
	}
	if err := h.svc.Delete(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// preview renders Markdown the way the view page will, for the form's
// preview.
func (h *Handler) preview(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	src := r.PostFormValue("text")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(h.md.Render(src)))
}

// uploadImage stores an image in the post-mortem. A script asking for JSON
// gets the Markdown to insert where the cursor is; a plain form appends the
// image to additional info (version-guarded) and returns to the form.
func (h *Handler) uploadImage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxUploadBytes+64<<10)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		h.uploadFailed(w, r, "Choose an image file to upload.")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, h.opts.MaxUploadBytes+1))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if int64(len(data)) > h.opts.MaxUploadBytes {
		h.uploadFailed(w, r, "The image is too large: at most "+humanBytes(h.opts.MaxUploadBytes)+".")
		return
	}
	a := &hindsight.Attachment{PostMortemID: id, Filename: hdr.Filename, Data: data}
	if err := h.svc.AddAttachment(r.Context(), a); err != nil {
		if asValidation(err) != nil {
			h.uploadFailed(w, r, "Only PNG, JPEG, GIF and WebP images can be attached.")
			return
		}
		h.fail(w, r, err)
		return
	}
	url := "/api/v1/postmortems/" + id + "/attachments/" + a.ID
	alt := strings.TrimSuffix(hdr.Filename, path.Ext(hdr.Filename))
	md := "![" + strings.NewReplacer("[", "", "]", "").Replace(alt) + "](" + url + ")"
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"url":"` + url + `","markdown":` + jsonString(md) + `}`))
		return
	}
	p, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.AdditionalInfo = strings.TrimSpace(p.AdditionalInfo + "\n\n" + md)
	if err := h.svc.Update(r.Context(), p); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/postmortems/"+id+"/edit#additional-info", http.StatusSeeOther)
}

func (h *Handler) uploadFailed(w http.ResponseWriter, r *http.Request, msg string) {
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		w.Write([]byte(`{"error":` + jsonString(msg) + `}`))
		return
	}
	h.render(w, r, http.StatusUnprocessableEntity, "error", page{Title: "Upload failed", Data: msg})
}
