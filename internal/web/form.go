package web

import (
	"fmt"
	"net/http"
	"time"

	"hindsight"
)

// formData is what the new/edit form shows.
type formData struct {
	P        *hindsight.PostMortem
	New      bool
	Action   string
	Errors   map[string]string // input name → what is wrong
	Raw      map[string]string // input name → unreadable text as typed
	Blank    map[string]int    // list → empty rows to offer after the filled ones
	Conflict *conflict
	// Lint holds the blameless-language notes by input name; they are
	// shown beside the text and never block saving.
	Lint  map[string][]string
	Hints bool
	Zone  *time.Location

	EventKinds []hindsight.EventKind
	CMKinds    []hindsight.CountermeasureKind
	Priorities []hindsight.Priority
	CMStatuses []hindsight.CountermeasureStatus
	Statuses   []hindsight.Status
	Roles      []hindsight.Role
}

// Err is the error message for an input.
func (f *formData) Err(name string) string { return f.Errors[name] }

// LintFor is the language notes for an input.
func (f *formData) LintFor(name string) []string { return f.Lint[name] }

// LintAt is the language notes for a row's input.
func (f *formData) LintAt(list string, i int, field string) []string {
	return f.Lint[fmt.Sprintf("%s.%d.%s", list, i, field)]
}

// ErrAt is the error message for a row's input.
func (f *formData) ErrAt(list string, i int, field string) string {
	return f.Errors[fmt.Sprintf("%s.%d.%s", list, i, field)]
}

// TimeVal is a time input's value: what was typed if it could not be read,
// otherwise the time in the form's zone.
func (f *formData) TimeVal(name string, t *time.Time) string {
	if s, ok := f.Raw[name]; ok {
		return s
	}
	return localInput(t, f.Zone)
}

// TimeAt is TimeVal for a row's time input.
func (f *formData) TimeAt(list string, i int, field string, t *time.Time) string {
	return f.TimeVal(fmt.Sprintf("%s.%d.%s", list, i, field), t)
}

// DateAt is a row's date input value.
func (f *formData) DateAt(list string, i int, field string, d *hindsight.Date) string {
	if s, ok := f.Raw[fmt.Sprintf("%s.%d.%s", list, i, field)]; ok {
		return s
	}
	if d == nil {
		return ""
	}
	return d.String()
}

// Blanks lists the indexes of the empty rows offered after n filled ones.
func (f *formData) Blanks(list string, n int) []int {
	k := f.Blank[list]
	if k == 0 {
		k = 1
	}
	out := make([]int, k)
	for i := range out {
		out[i] = n + i
	}
	return out
}

func (h *Handler) newFormData(r *http.Request, p *hindsight.PostMortem) *formData {
	return &formData{
		P: p, Errors: map[string]string{}, Raw: map[string]string{}, Blank: map[string]int{},
		Zone:       zoneOf(r),
		EventKinds: hindsight.EventKinds, CMKinds: hindsight.CountermeasureKinds, Priorities: hindsight.Priorities,
		CMStatuses: hindsight.CountermeasureStatuses, Statuses: hindsight.Statuses, Roles: hindsight.Roles,
	}
}

// newForm starts a post-mortem from the guide's structure, with its hints.
func (h *Handler) newForm(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.CreateAllowed(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	d := h.newFormData(r, &hindsight.PostMortem{Status: hindsight.StatusDraft})
	d.New, d.Action, d.Hints = true, "/postmortems", true
	d.Blank = map[string]int{"events": 3, "whys": 5, "countermeasures": 2, "stakeholders": 2}
	h.render(w, r, http.StatusOK, "form", page{Title: "New post-mortem", Data: d})
}

// editForm opens a post-mortem for editing; the form carries the version it
// was opened at, so a save never overwrites a change made meanwhile.
func (h *Handler) editForm(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err == nil {
		err = h.svc.EditAllowed(r.Context(), hindsight.Head{ID: p.ID, Version: p.Version, AuthorID: p.AuthorID, Access: p.Access})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := h.newFormData(r, p)
	d.Action = "/postmortems/" + p.ID
	d.Lint = lintByInput(p)
	h.render(w, r, http.StatusOK, "form", page{Title: "Edit: " + p.Title, Data: d})
}
