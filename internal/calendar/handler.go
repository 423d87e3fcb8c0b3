package calendar

import (
	"bytes"
	"log/slog"
	"net/http"

	"hindsight"
)

// Handler serves GET /calendar.ics[?owner=NAME]. Links use baseURL, or the
// request's own host when it is empty.
func Handler(svc *hindsight.Service, baseURL string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		base := baseURL
		if base == "" {
			scheme := "http"
			if r.TLS != nil {
				scheme = "https"
			}
			base = scheme + "://" + r.Host
		}
		owner := r.URL.Query().Get("owner")
		events, err := Events(r.Context(), svc, owner, base)
		if err != nil {
			slog.ErrorContext(r.Context(), "calendar feed", "err", err)
			http.Error(w, "the calendar could not be made", http.StatusInternalServerError)
			return
		}
		name := "Hindsight"
		if owner != "" {
			name += ": " + owner
		}
		var buf bytes.Buffer
		if err := Write(&buf, name, events); err != nil {
			http.Error(w, "the calendar could not be made", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Header().Set("Cache-Control", "private, max-age=300")
		w.Write(buf.Bytes())
	}
}
