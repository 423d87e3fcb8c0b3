package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"hindsight"
)

// list answers GET /postmortems?q=&tag=&severity=&status=&from=&to=&limit=&cursor=
// with one page of summaries and the next cursor.
func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	f, err := ParseListFilter(r.URL.Query())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.List(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type item struct {
		hindsight.Summary
		TimeToResolveSeconds *int64 `json:"time_to_resolve_seconds"`
	}
	items := make([]item, len(page.Items))
	for i, s := range page.Items {
		items[i] = item{s, s.TimeToResolveSeconds()}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "next_cursor": page.NextCursor})
}

// ParseListFilter reads list parameters, naming each bad one. from and to
// take an RFC 3339 time or a YYYY-MM-DD day (to's day is included).
func ParseListFilter(q url.Values) (hindsight.ListFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.ListFilter{
		Q: q.Get("q"), Tag: q.Get("tag"), Severity: q.Get("severity"),
		Status: hindsight.Status(q.Get("status")), Cursor: q.Get("cursor"),
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > hindsight.MaxPageSize {
			v.Add("limit", "must be a number from 1 to %d", hindsight.MaxPageSize)
		}
		f.Limit = n
	}
	f.From = queryTime(q, "from", false, v)
	f.To = queryTime(q, "to", true, v)
	return f, v.OrNil()
}

// queryTime reads a time parameter; a bare day as an upper bound means the
// end of that day.
func queryTime(q url.Values, name string, upper bool, v *hindsight.ValidationError) *time.Time {
	s := q.Get(name)
	if s == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		t = t.UTC()
		return &t
	}
	d, err := hindsight.ParseDate(s)
	if err != nil {
		v.Add(name, "%q is not a date like 2026-03-10 or a time like 2026-03-10T09:42:00Z", s)
		return nil
	}
	t := d.Time()
	if upper {
		t = t.AddDate(0, 0, 1)
	}
	return &t
}
