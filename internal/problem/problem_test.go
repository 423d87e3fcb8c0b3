package problem

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"hindsight"
)

// TestFrom checks the one mapping from errors to statuses, through the
// wrapping callers add.
func TestFrom(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err    error
		status int
		fault  bool
		field  string
	}{
		{hindsight.Invalid("title", "is required"), http.StatusUnprocessableEntity, false, "title"},
		{BadRequest(hindsight.Invalid("limit", "must be a number")), http.StatusBadRequest, false, "limit"},
		{fmt.Errorf("save: %w", &hindsight.ConflictError{ID: "a", CurrentVersion: 3}), http.StatusPreconditionFailed, false, ""},
		{fmt.Errorf("post-mortem x: %w", hindsight.ErrNotFound), http.StatusNotFound, false, ""},
		{&http.MaxBytesError{Limit: 10}, http.StatusRequestEntityTooLarge, false, ""},
		{&Error{Status: http.StatusUnsupportedMediaType, Title: "Unsupported media type", Fields: []hindsight.FieldError{{Field: "Content-Type", Message: "must be JSON"}}}, http.StatusUnsupportedMediaType, false, "Content-Type"},
		{errors.New("disk on fire"), http.StatusInternalServerError, true, ""},
	} {
		p, fault := From(tc.err, "/x")
		if p.Status != tc.status || fault != tc.fault || p.Title == "" || p.Instance != "/x" {
			t.Errorf("%v: got %+v fault=%v, want %d fault=%v", tc.err, p, fault, tc.status, tc.fault)
		}
		if tc.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tc.field || p.Detail == "") {
			t.Errorf("%v: fields %+v detail %q", tc.err, p.Errors, p.Detail)
		}
		if tc.fault && p.Detail != "the server could not complete the request" {
			t.Errorf("a server fault leaks its cause: %q", p.Detail)
		}
	}
	if p, _ := From(&hindsight.ConflictError{ID: "a", CurrentVersion: 3}, ""); p.CurrentVersion != 3 {
		t.Errorf("conflict without its current version: %+v", p)
	}
	if err := errors.New("other"); BadRequest(err) != err {
		t.Error("BadRequest changed an error that is not a validation error")
	}
}

func TestClientGone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	if ClientGone(ctx, context.Canceled) {
		t.Error("a live request's canceled error counted as gone")
	}
	cancel()
	if !ClientGone(ctx, fmt.Errorf("query: %w", context.Canceled)) || ClientGone(ctx, errors.New("x")) {
		t.Error("ClientGone misread a cancelled request")
	}
}
