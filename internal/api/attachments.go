package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"path"

	"hindsight"
)

// ImageTypes are the uploads accepted: images a browser shows inline.
var ImageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// ErrNotImage refuses an upload whose bytes are not an accepted image.
var ErrNotImage = errors.New("only PNG, JPEG, GIF and WebP images can be attached")

// ReadImage reads an upload (limited to max bytes) and checks, by its
// bytes and not its claimed type, that it is an image.
func ReadImage(r io.Reader, max int64) ([]byte, string, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(b)) > max {
		return nil, "", &http.MaxBytesError{Limit: max}
	}
	ct := http.DetectContentType(b)
	if !ImageTypes[ct] {
		return nil, "", ErrNotImage
	}
	return b, ct, nil
}

// uploadAttachment stores an image: a multipart "file" field or a raw
// image body.
func (h *Handler) uploadAttachment(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxUploadBytes+64<<10)
	var src io.Reader = r.Body
	name := "image"
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		f, hdr, err := r.FormFile("file")
		if err != nil {
			h.fail(w, r, uploadError(err))
			return
		}
		defer f.Close()
		src, name = f, path.Base(hdr.Filename)
	}
	data, ct, err := ReadImage(src, h.opts.MaxUploadBytes)
	if err != nil {
		h.fail(w, r, uploadError(err))
		return
	}
	a := &hindsight.Attachment{PostMortemID: r.PathValue("id"), Filename: name, ContentType: ct, Data: data}
	if err := h.svc.Store.PutAttachment(r.Context(), a); err != nil {
		h.fail(w, r, err)
		return
	}
	url := "/api/v1/postmortems/" + a.PostMortemID + "/attachments/" + a.ID
	w.Header().Set("Location", url)
	writeJSON(w, http.StatusCreated, map[string]any{"id": a.ID, "url": url, "filename": a.Filename, "content_type": a.ContentType, "size": len(a.Data)})
}

func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return err
	case errors.Is(err, ErrNotImage):
		return &badRequest{http.StatusUnsupportedMediaType, "Not an image", []hindsight.FieldError{{Field: "file", Message: err.Error()}}}
	}
	return &badRequest{http.StatusBadRequest, "No file", []hindsight.FieldError{{Field: "file", Message: "is required: send the image as the multipart field \"file\" or as the body"}}}
}

// getAttachment serves an image; attachments never change, so they are
// cached for long.
func (h *Handler) getAttachment(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Store.GetAttachment(r.Context(), r.PathValue("id"), r.PathValue("aid"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	w.Write(a.Data)
}
