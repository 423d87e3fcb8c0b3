package web

import (
	"net/http"
	"net/url"

	"hindsight"
	"hindsight/internal/filter"
)

// listData is what the home page shows.
type listData struct {
	Filter   hindsight.ListFilter
	Items    []hindsight.Summary
	Next     string // URL of the next page, "" on the last
	Empty    bool   // no post-mortems at all: show the friendly start
	Filtered bool
	Errors   []hindsight.FieldError
	Statuses []hindsight.Status
	FromText string
	ToText   string
	// Revisits due and incidents "on this day" in earlier years show on
	// the unfiltered first page.
	Revisits  revisitsCard
	OnThisDay []hindsight.PastIncident
}

// list is the home page: every post-mortem, newest first, searchable and
// filterable, paged; cached by data version (see cachedPage).
func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	h.cachedPage(w, r, "list", h.dataVersion, h.listPage)
}

// listPage renders the list for r; it answers errors itself and reports
// whether body is a page to keep.
func (h *Handler) listPage(w http.ResponseWriter, r *http.Request) (body []byte, ok bool) {
	q := r.URL.Query()
	d := listData{Statuses: hindsight.Statuses, FromText: q.Get("from"), ToText: q.Get("to")}
	f, err := filter.List(q)
	d.Filter = f
	d.Filtered = f.Q != "" || f.Tag != "" || f.Severity != "" || f.Status != "" || f.From != nil || f.To != nil
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusBadRequest, "list", page{Title: "Post-mortems", Query: f.Q, Data: d})
		return nil, false
	}
	page1, err := h.svc.List(r.Context(), f)
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusBadRequest, "list", page{Title: "Post-mortems", Query: f.Q, Data: d})
		return nil, false
	}
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	d.Items = page1.Items
	if !d.Filtered && f.Cursor == "" && me(r) != nil {
		var due []hindsight.DueRevisit
		if due, err = h.svc.DueRevisits(r.Context()); err == nil {
			d.Revisits = firstRevisits(due, homeRevisits, "/countermeasures")
			d.OnThisDay, err = h.svc.OnThisDay(r.Context())
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
	}
	d.Empty = len(d.Items) == 0 && !d.Filtered && f.Cursor == ""
	if page1.NextCursor != "" {
		next := url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("cursor", page1.NextCursor)
		d.Next = "/?" + next.Encode()
	}
	return h.renderPage(w, r, "list", page{Title: "Post-mortems", Query: f.Q, Data: d})
}
