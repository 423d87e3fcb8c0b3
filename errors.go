package hindsight

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The domain's error kinds. Callers test with errors.Is; the HTTP layers map
// each to one status code in one place.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("edit conflict")
	ErrInvalid  = errors.New("invalid input")
	// ErrUnauthenticated: nobody signed in, or the credentials are wrong.
	ErrUnauthenticated = errors.New("sign in required")
	// ErrForbidden: signed in, but not allowed to do this.
	ErrForbidden = errors.New("not allowed")
	// ErrStorageFull: the database's disk is full; nothing was written.
	ErrStorageFull = errors.New("storage full")
	// ErrUpstream: another server Hindsight talks to (a mail server)
	// refused or did not answer; the error says how.
	ErrUpstream = errors.New("another server refused")
)

// forbidden is ErrForbidden saying why.
func forbidden(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrForbidden}, args...)...)
}

// ThrottledError refuses a sign-in attempt after too many failures; it says
// when to try again and nothing about whether the account exists.
type ThrottledError struct {
	RetryAfter time.Duration
}

// Error says when to try again.
func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed sign-ins: try again in %s", roundUp(e.RetryAfter))
}

func roundUp(d time.Duration) string {
	if m := (d + time.Minute - 1) / time.Minute; m > 1 {
		return fmt.Sprintf("%d minutes", m)
	}
	return "a minute"
}

// FieldError names one invalid field by its JSON path (for example
// "incident.ended_at" or "events[2].at") and says what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidationError lists every invalid field of one input, so a form or API
// client can show them all at once rather than one per round trip.
type ValidationError struct {
	Fields []FieldError
}

// Error joins the field messages.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Add records one more invalid field.
func (e *ValidationError) Add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// OrNil returns e when it holds any field error, nil otherwise, so a
// validator can end with "return v.OrNil()".
func (e *ValidationError) OrNil() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Invalid is a ValidationError for a single field.
func Invalid(field, format string, args ...any) error {
	v := &ValidationError{}
	v.Add(field, format, args...)
	return v
}

// ConflictError is returned when a write names a version that is no longer
// the current one: somebody else saved first. Nothing was written.
type ConflictError struct {
	ID             string
	CurrentVersion int64
}

// Error says whose version is current.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("post-mortem %s was changed by someone else: current version is %d", e.ID, e.CurrentVersion)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }
