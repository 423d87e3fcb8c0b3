package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"hindsight"
	"hindsight/internal/problem"
)

// Body limits. Every request body is bounded before any handler reads it,
// so a large body is refused (413) after that many bytes, not after all of
// them; handlers set tighter limits of their own.
const (
	// maxFormBytes bounds forms and JSON: a whole post-mortem fits.
	maxFormBytes = 4 << 20
	// maxImportBytes bounds imports (a Markdown file, a chat export).
	maxImportBytes = 64 << 20
)

// bodyLimit is the most a request to path may send.
func bodyLimit(path string, maxUpload int64) int64 {
	switch {
	case strings.HasSuffix(path, "/attachments"), strings.HasSuffix(path, "/images"):
		return maxUpload + 64<<10
	case strings.Contains(path, "import"):
		return maxImportBytes
	}
	return maxFormBytes
}

// guard refuses, before any handler runs, a request no handler could
// serve well: text that is not UTF-8 or holds a NUL in the path or the
// query (PostgreSQL would refuse it deep in a query; SQLite would store
// it), a query using ';' as a separator (Go ignores such a parameter, so a
// filter would silently not apply), and bodies over the limit.
func guard(maxUpload int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f := badText(r); f != nil {
			problem.Write(w, problem.Problem{Type: "about:blank", Title: "Malformed request", Status: http.StatusBadRequest,
				Instance: safePath(r), Detail: f.Field + " " + f.Message, Errors: []hindsight.FieldError{*f}})
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r.URL.Path, maxUpload))
		}
		if f, status := badForm(r); f != nil {
			problem.Write(w, problem.Problem{Type: "about:blank", Title: "Malformed request", Status: status,
				Instance: safePath(r), Detail: f.Field + " " + f.Message, Errors: []hindsight.FieldError{*f}})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// badText names the first part of the request line that is not clean
// text, or nil.
func badText(r *http.Request) *hindsight.FieldError {
	if !cleanText(r.URL.Path) {
		return &hindsight.FieldError{Field: "path", Message: "is not valid UTF-8 text or holds a NUL character"}
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		msg := "is malformed: " + err.Error()
		if strings.Contains(r.URL.RawQuery, ";") {
			msg = "uses ';' between parameters; separate them with '&'"
		}
		return &hindsight.FieldError{Field: "query", Message: msg}
	}
	for k, vs := range q {
		if !cleanText(k) {
			return &hindsight.FieldError{Field: "query", Message: "has a parameter name that is not valid UTF-8 text or holds a NUL character"}
		}
		for _, v := range vs {
			if !cleanText(v) {
				return &hindsight.FieldError{Field: k, Message: "is not valid UTF-8 text or holds a NUL character"}
			}
		}
	}
	return nil
}

func cleanText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// safePath is the request path fit to echo back.
func safePath(r *http.Request) string {
	if cleanText(r.URL.Path) {
		return r.URL.Path
	}
	return ""
}

// badForm reads a URL-encoded form body now, within its limit, so a body
// over the limit is refused as such (a handler reading one value would
// see an empty form instead) and every value is clean text.
func badForm(r *http.Request) (*hindsight.FieldError, int) {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return nil, 0
	}
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &hindsight.FieldError{Field: "body", Message: fmt.Sprintf("is larger than the %d bytes this form may send", tooBig.Limit)}, http.StatusRequestEntityTooLarge
		}
		return &hindsight.FieldError{Field: "body", Message: "is not a well-formed form: " + err.Error()}, http.StatusBadRequest
	}
	for k, vs := range r.PostForm {
		for _, v := range vs {
			if !cleanText(k) || !cleanText(v) {
				return &hindsight.FieldError{Field: k, Message: "is not valid UTF-8 text or holds a NUL character"}, http.StatusBadRequest
			}
		}
	}
	return nil, 0
}
