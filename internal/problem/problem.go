// Package problem is the one place where errors meet HTTP: it maps every
// error the service or a request parser returns to a status and an RFC 9457
// problem document. The API writes the document as JSON; the web pages show
// the same title and detail as HTML, so both answer the same error alike.
package problem

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"hindsight"
)

// Problem is an RFC 9457 problem document, with the invalid fields listed.
type Problem struct {
	Type     string                 `json:"type"`
	Title    string                 `json:"title"`
	Status   int                    `json:"status"`
	Detail   string                 `json:"detail,omitempty"`
	Instance string                 `json:"instance,omitempty"`
	Errors   []hindsight.FieldError `json:"errors,omitempty"`
	// CurrentVersion and Current describe the stored post-mortem a stale
	// write lost to, so a client can show it and merge.
	CurrentVersion int64                 `json:"current_version,omitempty"`
	Current        *hindsight.PostMortem `json:"current,omitempty"`
	// RetryAfter, in seconds, goes out as the Retry-After header too.
	RetryAfter int `json:"retry_after,omitempty"`
	// RequestID matches the answer with the server's log lines.
	RequestID string `json:"request_id,omitempty"`
}

// Write sends p as application/problem+json, with Retry-After when set.
func Write(w http.ResponseWriter, p Problem) {
	if p.RequestID == "" {
		p.RequestID = w.Header().Get("X-Request-Id")
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// Error is a request that HTTP itself refuses before the service sees it:
// malformed JSON, the wrong media type, a missing precondition. Its
// fields name what is wrong.
type Error struct {
	Status int
	Title  string
	Detail string
	Fields []hindsight.FieldError
}

func (e *Error) Error() string { return e.Title }

// BadRequest wraps a validation error of request parameters (the query,
// a header) as a 400: the request, not a post-mortem, is malformed. Other
// errors pass through unchanged, so a read's whole error can go through
// it.
func BadRequest(err error) error {
	var v *hindsight.ValidationError
	if errors.As(err, &v) {
		return &Error{Status: http.StatusBadRequest, Title: "Invalid request parameters", Fields: v.Fields}
	}
	return err
}

// From maps err to its problem document for the request path instance.
// serverFault is true for errors that are the server's, which callers log;
// the document then says nothing of the cause.
func From(err error, instance string) (p Problem, serverFault bool) {
	p = Problem{Type: "about:blank", Instance: instance}
	var bad *Error
	var v *hindsight.ValidationError
	var conflict *hindsight.ConflictError
	var tooBig *http.MaxBytesError
	var throttled *hindsight.ThrottledError
	switch {
	case errors.As(err, &bad):
		p.Status, p.Title, p.Detail, p.Errors = bad.Status, bad.Title, bad.Detail, bad.Fields
		if p.Detail == "" {
			p.Detail = describe(bad.Fields)
		}
	case errors.As(err, &v):
		p.Status, p.Title, p.Detail, p.Errors = http.StatusUnprocessableEntity, "Invalid input", describe(v.Fields), v.Fields
	case errors.As(err, &conflict):
		p.Status, p.Title, p.CurrentVersion = http.StatusPreconditionFailed, "Edit conflict", conflict.CurrentVersion
		p.Detail = "someone else saved this post-mortem after you read it; nothing was written. Merge with the current version and send it with If-Match: \"" + strconv.FormatInt(conflict.CurrentVersion, 10) + "\""
	case errors.Is(err, hindsight.ErrNotFound):
		p.Status, p.Title, p.Detail = http.StatusNotFound, "Not found", "there is no such post-mortem or it was deleted"
	case errors.Is(err, hindsight.ErrUnauthenticated):
		p.Status, p.Title, p.Detail = http.StatusUnauthorized, "Sign in required", "sign in, or send an API token as \"Authorization: Bearer TOKEN\""
	case errors.Is(err, hindsight.ErrForbidden):
		p.Status, p.Title, p.Detail = http.StatusForbidden, "Not allowed", strings.TrimPrefix(err.Error(), hindsight.ErrForbidden.Error()+": ")
	case errors.As(err, &throttled):
		p.Status, p.Title, p.Detail = http.StatusTooManyRequests, "Too many attempts", throttled.Error()
		p.RetryAfter = int(throttled.RetryAfter.Seconds()) + 1
	case errors.Is(err, hindsight.ErrStorageFull):
		p.Status, p.Title, p.Detail = http.StatusInsufficientStorage, "Storage full", "the database's disk is full, so nothing was written; the operator must free space"
		return p, true
	case errors.Is(err, hindsight.ErrUpstream):
		p.Status, p.Title, p.Detail = http.StatusBadGateway, "Another server refused", err.Error()
	case errors.As(err, &tooBig):
		p.Status, p.Title, p.Detail = http.StatusRequestEntityTooLarge, "Request body too large", fmt.Sprintf("the body may be at most %d bytes", tooBig.Limit)
	default:
		p.Status, p.Title, p.Detail = http.StatusInternalServerError, "Internal error", "the server could not complete the request"
		return p, true
	}
	return p, false
}

// ClientGone reports whether err only says that the request's client
// disconnected or gave up.
func ClientGone(ctx context.Context, err error) bool {
	return ctx.Err() != nil && errors.Is(err, ctx.Err())
}

// describe sums the invalid fields up in one line.
func describe(fields []hindsight.FieldError) string {
	if len(fields) == 0 {
		return ""
	}
	s := fields[0].Field + " " + fields[0].Message
	if len(fields) > 1 {
		s += fmt.Sprintf(" (and %d more)", len(fields)-1)
	}
	return s
}

// Fail writes err as a problem, logging it first when it is the server's
// fault; what names the endpoint in the log.
func Fail(w http.ResponseWriter, r *http.Request, err error, what string) {
	p, fault := From(err, r.URL.Path)
	if fault {
		slog.ErrorContext(r.Context(), what, "err", err)
	}
	Write(w, p)
}
