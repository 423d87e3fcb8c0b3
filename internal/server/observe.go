package server

import (
	"crypto/rand"
	"encoding/base32"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"hindsight/internal/logging"
	"hindsight/internal/metrics"
)

// saneRequestID is a request id a proxy in front may pass on (nginx's
// $request_id, a load balancer's): anything else is replaced.
var saneRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// requestIDs encodes a request id's 10 random bytes as 16 lower-case
// letters and digits.
var requestIDs = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

func newRequestID() string {
	var b [10]byte
	rand.Read(b[:])
	return requestIDs.EncodeToString(b[:])
}

// observe gives every request an id — in its context for the log, in the
// X-Request-Id answer header and in any problem document — then logs the
// answered request and counts it in the metrics.
func observe(m *metrics.Set, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !saneRequestID.MatchString(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		r = r.WithContext(logging.WithRequestID(r.Context(), id))
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		next.ServeHTTP(rec, r)
		took := time.Since(start)
		if r.Context().Err() != nil && !rec.wrote {
			rec.status = statusClientGone
		}
		m.Observe(r, rec.status, took)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		slog.Log(r.Context(), level, "request", "method", r.Method, "route", metrics.Route(r.URL.Path, rec.status),
			"status", rec.status, "ms", took.Milliseconds(), "bytes", rec.bytes)
	})
}

// statusClientGone is logged for a request whose client left before it was
// answered (nginx's 499): nobody got an error.
const statusClientGone = 499

// statusRecorder notes the status and size of an answer.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (flushes,
// deadlines) through the recorder.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
