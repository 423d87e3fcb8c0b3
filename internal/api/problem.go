package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"hindsight"
)

// problem is an RFC 9457 problem document, with the invalid fields listed.
type problem struct {
	Type           string                 `json:"type"`
	Title          string                 `json:"title"`
	Status         int                    `json:"status"`
	Detail         string                 `json:"detail,omitempty"`
	Instance       string                 `json:"instance,omitempty"`
	Errors         []hindsight.FieldError `json:"errors,omitempty"`
	CurrentVersion int64                  `json:"current_version,omitempty"`
	// Current is the stored post-mortem a stale write lost to, so the
	// client can show it and merge.
	Current *hindsight.PostMortem `json:"current,omitempty"`
}

func writeProblem(w http.ResponseWriter, r *http.Request, status int, title, detail string, fields []hindsight.FieldError) {
	writeProblemDoc(w, problem{Type: "about:blank", Title: title, Status: status, Detail: detail, Instance: r.URL.Path, Errors: fields})
}

func writeProblemDoc(w http.ResponseWriter, p problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// writeError maps an error to its HTTP status: the one place where domain
// errors meet HTTP. Only server faults are logged.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var v *hindsight.ValidationError
	var conflict *hindsight.ConflictError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &v):
		writeProblem(w, r, http.StatusUnprocessableEntity, "Invalid post-mortem", v.Error(), v.Fields)
	case errors.As(err, &conflict):
		p := problem{Type: "about:blank", Title: "Edit conflict", Status: http.StatusPreconditionFailed, Instance: r.URL.Path,
			Detail:         "someone else saved this post-mortem after you read it; nothing was written. Merge with the current version and send it with If-Match: \"" + itoa(conflict.CurrentVersion) + "\"",
			CurrentVersion: conflict.CurrentVersion}
		if cur, err := h.svc.Get(r.Context(), conflict.ID); err == nil {
			p.Current = cur
		}
		writeProblemDoc(w, p)
	case errors.Is(err, hindsight.ErrNotFound):
		writeProblem(w, r, http.StatusNotFound, "Not found", err.Error(), nil)
	case errors.As(err, &tooBig):
		writeProblem(w, r, http.StatusRequestEntityTooLarge, "Request body too large", "the body may be at most "+itoa(tooBig.Limit)+" bytes", nil)
	case errors.Is(err, r.Context().Err()) && r.Context().Err() != nil:
		// The client went away; nobody reads a response.
	default:
		slog.ErrorContext(r.Context(), "api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeProblem(w, r, http.StatusInternalServerError, "Internal error", "the server could not complete the request", nil)
	}
}
