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

// uploadAttachment stores an image: a multipart "file" field or a raw
// image body.
func (h *Handler) uploadAttachment(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxUploadBytes+64<<10)
	var src io.Reader = r.Body
	name := "image"
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		f, hdr, err := r.FormFile("file")
		if err != nil {
			h.fail(w, r, noFile(err))
			return
		}
		defer f.Close()
		src, name = f, path.Base(hdr.Filename)
	}
	data, err := readLimited(src, h.opts.MaxUploadBytes)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a := &hindsight.Attachment{PostMortemID: r.PathValue("id"), Filename: name, Data: data}
	if err := h.svc.AddAttachment(r.Context(), a); err != nil {
		var v *hindsight.ValidationError
		if errors.As(err, &v) {
			err = &problem.Error{Status: http.StatusUnsupportedMediaType, Title: "Not an image", Fields: v.Fields}
		}
		h.fail(w, r, err)
		return
	}
	url := "/api/v1/postmortems/" + a.PostMortemID + "/attachments/" + a.ID
	w.Header().Set("Location", url)
	writeJSON(w, http.StatusCreated, map[string]any{"id": a.ID, "url": url, "filename": a.Filename, "content_type": a.ContentType, "size": len(a.Data)})
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
