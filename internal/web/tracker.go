package web

import (
	"errors"
	"hindsight/internal/filter"
	"net/http"
	"net/url"
	"strconv"

	"hindsight"
)

// trackerData is what the countermeasures page shows.
type trackerData struct {
	Filter     hindsight.CountermeasureFilter
	Rows       []hindsight.CountermeasureRow
	Next       string
	Me         string
	Reverify   bool
	Errors     []hindsight.FieldError
	Statuses   []hindsight.CountermeasureStatus
	Priorities []hindsight.Priority
	Back       string
	// People are the names the owner filter offers.
	People []string
	// Revisits are the post-mortems due to be revisited.
	Revisits revisitsCard
}

// tracker lists every countermeasure with its post-mortem: filterable,
// sortable, overdue and unowned ones marked, status changed in place;
// cached by data version (see cachedPage).
func (h *Handler) tracker(w http.ResponseWriter, r *http.Request) {
	h.cachedPage(w, r, "tracker", h.dataVersion, h.trackerPage)
}

// trackerPage renders the tracker for r.
func (h *Handler) trackerPage(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	q := r.URL.Query()
	now := h.svc.Now().UTC()
	d := trackerData{Me: me(r).Display(), Statuses: hindsight.CountermeasureStatuses, Priorities: hindsight.Priorities, Reverify: q.Get("reverify") == "true", Back: r.URL.RequestURI()}
	d.People, _ = h.svc.People(r.Context(), "", formPeople) // a help only: the filter works without
	f, err := filter.Countermeasures(q, h.svc.Policy, now)
	d.Filter = f
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusBadRequest, "tracker", page{Title: "Countermeasures", Data: d, Flash: r.URL.Query().Get("flash")})
		return nil, false
	}
	pg, err := h.svc.ListCountermeasures(r.Context(), f)
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusBadRequest, "tracker", page{Title: "Countermeasures", Data: d})
		return nil, false
	}
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	d.Rows = pg.Items
	due, err := h.svc.DueRevisits(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	d.Revisits = firstRevisits(due, trackerRevisits, "")
	if pg.NextCursor != "" {
		next := url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("cursor", pg.NextCursor)
		d.Next = "/countermeasures?" + next.Encode()
	}
	return h.renderPage(w, r, "tracker", page{Title: "Countermeasures", Data: d, Flash: q.Get("flash")})
}

// trackerChange changes a status or records a verification from the
// tracker, then returns to the same list with what happened.
func (h *Handler) trackerChange(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, err)
		return
	}
	pm, cm := r.PostFormValue("postmortem"), r.PostFormValue("countermeasure")
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	var err error
	msg := ""
	switch r.PathValue("action") {
	case "status":
		_, err = h.svc.SetCountermeasureStatus(r.Context(), pm, version, cm, hindsight.CountermeasureStatus(r.PostFormValue("status")))
		msg = "Status changed."
	case "verify":
		_, err = h.svc.VerifyCountermeasure(r.Context(), pm, version, cm, r.PostFormValue("note"))
		msg = "Recorded as still taking effect."
	default:
		h.notFound(w, r)
		return
	}
	var v *hindsight.ValidationError
	switch {
	case errors.Is(err, hindsight.ErrConflict):
		msg = "Not changed: someone else changed this post-mortem since the list was loaded. Here is the current list; try again."
	case errors.As(err, &v):
		msg = "Not changed: " + v.Fields[0].Field + " " + v.Fields[0].Message + "."
	case err != nil:
		h.fail(w, r, err)
		return
	}
	back := r.PostFormValue("back")
	if u, perr := url.Parse(back); perr != nil || u.Path != "/countermeasures" || u.Host != "" {
		back = "/countermeasures"
	}
	u, _ := url.Parse(back)
	q := u.Query()
	q.Set("flash", msg)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}
