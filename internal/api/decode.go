package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hindsight/internal/problem"
	"io"
	"mime"
	"net/http"
	"unicode/utf8"

	"hindsight"
)

// readBody reads the whole body up to the limit and checks it is UTF-8.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(b) {
		return nil, &problem.Error{Status: http.StatusBadRequest, Title: "Body is not valid UTF-8",
			Fields: []hindsight.FieldError{{Field: "body", Message: "is not valid UTF-8 text"}}}
	}
	return b, nil
}

// requireType refuses a body whose Content-Type is not one of types.
func requireType(r *http.Request, types ...string) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	for _, t := range types {
		if err == nil && mt == t {
			return nil
		}
	}
	return &problem.Error{Status: http.StatusUnsupportedMediaType, Title: "Unsupported media type",
		Fields: []hindsight.FieldError{{Field: "Content-Type", Message: fmt.Sprintf("must be %v, not %q", types, r.Header.Get("Content-Type"))}}}
}

// decodePostMortem reads a JSON post-mortem. It first checks the body's
// shape against the post-mortem's fields, so every unknown field, wrong
// type and malformed time is reported with its JSON path, all at once;
// only a body with the right shape is decoded.
func (h *Handler) decodePostMortem(w http.ResponseWriter, r *http.Request) (*hindsight.PostMortem, error) {
	if err := requireType(r, "application/json"); err != nil {
		return nil, err
	}
	b, err := h.readBody(w, r)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, &problem.Error{Status: http.StatusBadRequest, Title: "Malformed JSON", Fields: []hindsight.FieldError{{Field: "body", Message: jsonMessage(err)}}}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &problem.Error{Status: http.StatusBadRequest, Title: "Malformed JSON", Fields: []hindsight.FieldError{{Field: "body", Message: "has more after the JSON object"}}}
	}
	if fields := checkShape(raw); len(fields) > 0 {
		return nil, &problem.Error{Status: http.StatusBadRequest, Title: "Invalid JSON fields", Fields: fields}
	}
	var p hindsight.PostMortem
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, &problem.Error{Status: http.StatusBadRequest, Title: "Invalid JSON fields", Fields: []hindsight.FieldError{{Field: "body", Message: jsonMessage(err)}}}
	}
	p.Metrics = hindsight.Metrics{}
	return &p, nil
}

func jsonMessage(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("is not valid JSON at byte %d: %v", syn.Offset, err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "is empty or cut short"
	}
	return err.Error()
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
