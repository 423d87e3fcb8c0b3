package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"hindsight"
	"hindsight/internal/problem"
)

func writeProblem(w http.ResponseWriter, r *http.Request, status int, title, detail string, fields []hindsight.FieldError) {
	writeProblemDoc(w, problem.Problem{Type: "about:blank", Title: title, Status: status, Detail: detail, Instance: r.URL.Path, Errors: fields})
}

func writeProblemDoc(w http.ResponseWriter, p problem.Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// fail answers an error with its problem document (see package problem);
// an edit conflict carries the current post-mortem so the client can
// merge. Only server faults are logged.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if problem.ClientGone(r.Context(), err) {
		return
	}
	p, fault := problem.From(err, r.URL.Path)
	if fault {
		slog.ErrorContext(r.Context(), "api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var conflict *hindsight.ConflictError
	if errors.As(err, &conflict) {
		if cur, err := h.svc.Get(r.Context(), conflict.ID); err == nil {
			p.Current = cur
		}
	}
	writeProblemDoc(w, p)
}
