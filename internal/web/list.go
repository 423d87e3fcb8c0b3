package web

import (
	"net/http"
	"net/url"
	"strings"

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
	Revisits  []hindsight.DueRevisit
	OnThisDay []hindsight.PastIncident
}

// listKey is what a list or search page depends on: the request (path and
// query), the data version (see Service.DataVersion), the reader's zone,
// the day and the reader.
type listKey struct {
	uri    string
	data   int64
	zone   string
	day    string
	reader string
}

// readerKey is everything of the signed-in user a cached page depends on:
// who they are, how the header names them, their role (links offered) and
// what restricted post-mortems they may see.
func readerKey(u *hindsight.User) string {
	if u == nil {
		return ""
	}
	return strings.Join([]string{u.ID, string(u.Role), u.Display(), u.Email, strings.Join(u.Groups, ",")}, "\x1f")
}

// list is the home page: every post-mortem, newest first, searchable and
// filterable, paged. A page is rendered once per data version and reader
// and served from memory after that, as the post-mortem page is: the
// version is one indexed read.
func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	version, err := h.svc.DataVersion(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	key := listKey{r.URL.RequestURI(), version, zoneOf(r).String(), h.svc.Now().UTC().Format("2006-01-02"), readerKey(me(r))}
	body, hit := h.lists.Get(key)
	h.opts.Metrics.CacheLookup("list", hit)
	if hit {
		writeHTML(w, body)
		return
	}
	if body, ok := h.listPage(w, r); ok {
		h.lists.Put(key, body)
		writeHTML(w, body)
	}
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
		if d.Revisits, err = h.svc.DueRevisits(r.Context()); err == nil {
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
