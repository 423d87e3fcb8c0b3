package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"path"

	"hindsight"
	"hindsight/internal/problem"
)

// uploadAttachment stores an image of a saved post-mortem: a multipart
// "file" field or a raw image body. A save must link it (its url) within
// the upload time to keep it.
func (h *Handler) uploadAttachment(w http.ResponseWriter, r *http.Request) {
	name, data, err := h.readImage(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a := &hindsight.Attachment{PostMortemID: r.PathValue("id"), Filename: name, Data: data}
	if err := h.svc.AddAttachment(r.Context(), a); err != nil {
		h.fail(w, r, notImage(err))
		return
	}
	h.created(w, hindsight.AttachmentURL(a.PostMortemID, a.ID), a.ID, a.Filename, a.ContentType, len(a.Data))
}

// readImage reads an uploaded image: a multipart "file" field or a raw
// image body, at most MaxUploadBytes.
func (h *Handler) readImage(w http.ResponseWriter, r *http.Request) (name string, data []byte, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxUploadBytes+64<<10)
	var src io.Reader = r.Body
	name = "image"
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		f, hdr, err := r.FormFile("file")
		if err != nil {
			return "", nil, noFile(err)
		}
		defer f.Close()
		src, name = f, path.Base(hdr.Filename)
	}
	data, err = readLimited(src, h.opts.MaxUploadBytes)
	return name, data, err
}

// notImage answers a refused image with 415.
func notImage(err error) error {
	var v *hindsight.ValidationError
	if errors.As(err, &v) {
		return &problem.Error{Status: http.StatusUnsupportedMediaType, Title: "Not an image", Fields: v.Fields}
	}
	return err
}

// created answers a stored image with where it is served.
func (h *Handler) created(w http.ResponseWriter, url, id, filename, contentType string, size int) {
	w.Header().Set("Location", url)
	writeJSON(w, http.StatusCreated, map[string]any{"id": id, "url": url, "filename": filename, "content_type": contentType, "size": size})
}

// readLimited reads at most max bytes, refusing more with a 413.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &http.MaxBytesError{Limit: max}
	}
	return b, nil
}

// noFile explains a multipart upload without its file.
func noFile(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return &problem.Error{Status: http.StatusBadRequest, Title: "No file", Fields: []hindsight.FieldError{{Field: "file", Message: "is required: send the image as the multipart field \"file\" or as the body"}}}
}

// getAttachment serves an image; attachments never change, so they are
// cached for long.
func (h *Handler) getAttachment(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Attachment(r.Context(), r.PathValue("id"), r.PathValue("aid"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	w.Write(a.Data)
}
