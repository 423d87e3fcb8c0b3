package web

import (
	"net/http"
	"net/url"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// auditData is what the audit log page shows.
type auditData struct {
	Filter hindsight.AuditFilter
	Page   hindsight.AuditPage
	Next   string
	From   string
	To     string
	Errors []hindsight.FieldError
}

// audit shows the audit log to admins: who did what, when and from where,
// filterable by action, person and dates.
func (h *Handler) audit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := auditData{From: q.Get("from"), To: q.Get("to")}
	f, err := filter.Audit(q)
	d.Filter = f
	if err == nil {
		d.Page, err = h.svc.Audit(r.Context(), f)
	}
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusBadRequest, "audit", page{Title: "Audit log", Data: d})
		return
	}
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	if d.Page.NextCursor != "" {
		next := url.Values{}
		for k, v := range q {
			next[k] = v
		}
		next.Set("cursor", d.Page.NextCursor)
		d.Next = "/admin/audit?" + next.Encode()
	}
	h.render(w, r, http.StatusOK, "audit", page{Title: "Audit log", Data: d})
}
