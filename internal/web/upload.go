package web

import (
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"hindsight"
)

// imageMarkdown is the Markdown that shows an uploaded image: its
// description as the alt text, so the image is readable without sight.
func imageMarkdown(alt, url string) string {
	alt = strings.Join(strings.Fields(strings.NewReplacer("[", "(", "]", ")").Replace(alt)), " ")
	return "![" + alt + "](" + url + ")"
}

// tooLarge starts the message of an image over the upload limit, which
// is answered 413.
const tooLarge = "is too large: at most "

// storeImage keeps an uploaded image for a post-mortem — a pending upload
// when it is not saved yet (postmortemID ""), which its first save claims —
// and returns the Markdown that shows it, or a message saying what is
// wrong (field is the input it concerns).
func (h *Handler) storeImage(r *http.Request, postmortemID string, f multipart.File, hdr *multipart.FileHeader, alt string) (md, field, msg string) {
	alt = strings.TrimSpace(alt)
	if alt == "" {
		return "", "image_alt", "says what the image shows, for people who cannot see it"
	}
	data, err := io.ReadAll(io.LimitReader(f, h.opts.MaxUploadBytes+1))
	if err != nil {
		return "", "file", "could not be read; try again"
	}
	if int64(len(data)) > h.opts.MaxUploadBytes {
		return "", "file", tooLarge + humanBytes(h.opts.MaxUploadBytes)
	}
	url, err := h.keepImage(r, postmortemID, hdr.Filename, data)
	if err != nil {
		if v := asValidation(err); v != nil {
			return "", "file", v.Fields[0].Message
		}
		return "", "file", "could not be stored; try again"
	}
	return imageMarkdown(alt, url), "", ""
}

// keepImage stores an image as the post-mortem's attachment, or as a
// pending upload when it has no id yet, and returns where it is served.
func (h *Handler) keepImage(r *http.Request, postmortemID, name string, data []byte) (string, error) {
	if postmortemID == "" {
		u := &hindsight.Upload{Filename: name, Data: data}
		if err := h.svc.AddUpload(r.Context(), u); err != nil {
			return "", err
		}
		return hindsight.UploadURL(u.ID), nil
	}
	a := &hindsight.Attachment{PostMortemID: postmortemID, Filename: name, Data: data}
	if err := h.svc.AddAttachment(r.Context(), a); err != nil {
		return "", err
	}
	return hindsight.AttachmentURL(postmortemID, a.ID), nil
}

// attachFromForm handles the form's Upload button, which works without
// the script: the image is stored and placed at the end of additional
// info in the form shown again, with everything else as typed; nothing
// else is saved.
func (h *Handler) attachFromForm(r *http.Request, d *formData) {
	f, hdr, err := r.FormFile("file")
	if err != nil {
		d.Errors["file"] = "is missing: choose an image to upload"
		return
	}
	defer f.Close()
	md, field, msg := h.storeImage(r, d.P.ID, f, hdr, r.PostFormValue("image_alt"))
	if msg != "" {
		d.Errors[field] = msg
		d.Raw["image_alt"] = r.PostFormValue("image_alt")
		return
	}
	d.P.AdditionalInfo = strings.TrimSpace(d.P.AdditionalInfo + "\n\n" + md)
	d.Uploaded = true
}

// uploadImage stores an image sent by the page script (dropped, pasted or
// chosen) and answers with the Markdown to insert where the cursor is: for
// a saved post-mortem (/postmortems/{id}/images) or one being written
// (/uploads).
func (h *Handler) uploadImage(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxUploadBytes+64<<10)
	f, hdr, err := r.FormFile("file")
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		uploadAnswer(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "The image " + tooLarge + humanBytes(h.opts.MaxUploadBytes) + "."})
		return
	}
	if err != nil {
		uploadAnswer(w, http.StatusUnprocessableEntity, map[string]string{"error": "Choose an image file to upload (at most " + humanBytes(h.opts.MaxUploadBytes) + ")."})
		return
	}
	defer f.Close()
	md, _, msg := h.storeImage(r, r.PathValue("id"), f, hdr, r.PostFormValue("alt"))
	if msg != "" {
		status := http.StatusUnprocessableEntity
		if strings.HasPrefix(msg, tooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		uploadAnswer(w, status, map[string]string{"error": "The image " + msg + "."})
		return
	}
	uploadAnswer(w, http.StatusCreated, map[string]string{"markdown": md})
}

func uploadAnswer(w http.ResponseWriter, status int, body map[string]string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}
