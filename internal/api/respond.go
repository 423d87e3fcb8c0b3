package api

import (
	"bytes"
	"encoding/json"
	"hindsight/internal/problem"
	"net/http"
	"strconv"
	"strings"

	"hindsight"
)

func itoa[T int | int64](n T) string { return strconv.FormatInt(int64(n), 10) }

// etag is a post-mortem's entity tag: its version, which every write bumps.
func etag(version int64) string { return `"` + itoa(version) + `"` }

// ifMatchVersion reads the version an edit is based on from If-Match.
// Without one the write is refused (428): a client must say what it read.
func ifMatchVersion(r *http.Request) (int64, bool, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, false, nil
	}
	h = strings.TrimPrefix(h, "W/")
	v, err := strconv.ParseInt(strings.Trim(h, `"`), 10, 64)
	if err != nil || v < 1 {
		return 0, true, &problem.Error{Status: http.StatusBadRequest, Title: "Malformed If-Match",
			Fields: []hindsight.FieldError{{Field: "If-Match", Message: "must be the ETag you read, like \"3\""}}}
	}
	return v, true, nil
}

// prettyWriter marks a response whose client asked for indented JSON
// (?pretty=1); every other answer is compact, which is smaller and a
// third cheaper to write.
type prettyWriter struct{ http.ResponseWriter }

// Unwrap lets http.ResponseController reach the connection.
func (w prettyWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withPretty marks w when r asks for indented JSON.
func withPretty(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
	if v := r.URL.Query().Get("pretty"); v != "" && v != "0" && v != "false" {
		return prettyWriter{w}
	}
	return w
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(encodeJSON(w, v))
}

// encodeJSON encodes v as the response w asks for: compact, or indented
// for ?pretty=1.
func encodeJSON(w http.ResponseWriter, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if _, pretty := w.(prettyWriter); pretty {
		enc.SetIndent("", "  ")
	}
	enc.Encode(v)
	return buf.Bytes()
}

// writePostMortem answers with a post-mortem and its ETag.
func writePostMortem(w http.ResponseWriter, status int, p *hindsight.PostMortem) {
	writeEncodedPostMortem(w, status, p.Version, encodeJSON(w, p))
}

// writeEncodedPostMortem answers with a post-mortem already encoded.
func writeEncodedPostMortem(w http.ResponseWriter, status int, version int64, body []byte) {
	w.Header().Set("ETag", etag(version))
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}
