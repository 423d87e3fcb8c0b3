package api

import (
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

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// writePostMortem answers with a post-mortem and its ETag.
func writePostMortem(w http.ResponseWriter, status int, p *hindsight.PostMortem) {
	w.Header().Set("ETag", etag(p.Version))
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, status, p)
}
