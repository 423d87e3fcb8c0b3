package web

import (
	"net/http"
	"net/url"

	"hindsight"
	"hindsight/internal/filter"
	"hindsight/internal/problem"
)

// historyData is what the history page shows.
type historyData struct {
	P       *hindsight.PostMortem
	Items   []hindsight.Revision
	Next    string
	MayEdit bool
	// Labels name the changed fields as the form does.
	Labels map[string]string
}

// changeLabels are the names the history gives a revision's changed
// fields.
var changeLabels = map[string]string{
	"title": "title", "status": "status", "severity": "severity", "services": "services", "team": "team",
	"meeting": "meeting", "incident": "incident times", "description": "description", "events": "timeline",
	"additional_info": "additional info", "remediation": "remediation", "bug_tickets": "bug tickets", "summary": "summary",
	"tags": "tags", "whys": "5 whys", "root_cause": "root cause", "countermeasures": "countermeasures",
	"stakeholders": "stakeholders", "other_sections": "other sections", "access": "who may see it",
}

// history lists every version of a post-mortem, newest first, with who
// saved it, when, what it changed and the note; any two can be picked
// to compare.
func (h *Handler) history(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f, err := filter.Revisions(r.URL.Query())
	if err != nil {
		h.fail(w, r, problem.BadRequest(err))
		return
	}
	p, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page1, err := h.svc.Versions(r.Context(), id, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := historyData{P: p, Items: page1.Items, MayEdit: h.svc.MayEdit(r.Context(), hindsight.Head{ID: p.ID, AuthorID: p.AuthorID, Access: p.Access}), Labels: changeLabels}
	if page1.NextCursor != "" {
		d.Next = "/postmortems/" + id + "/history?" + url.Values{"cursor": {page1.NextCursor}}.Encode()
	}
	h.render(w, r, http.StatusOK, "history", page{Title: "History: " + p.Title, Data: d})
}
