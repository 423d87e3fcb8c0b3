package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"hindsight"
)

// create saves a new post-mortem from the form.
func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	h.save(w, r, "")
}

// update saves an edit, guarded by the version the form was opened at.
func (h *Handler) update(w http.ResponseWriter, r *http.Request) {
	h.save(w, r, r.PathValue("id"))
}

func (h *Handler) save(w http.ResponseWriter, r *http.Request, id string) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20)
	if err := r.ParseForm(); err != nil {
		h.render(w, r, http.StatusRequestEntityTooLarge, "error", page{Title: "Too large", Data: "The form is larger than 4 MiB; shorten it or attach images instead of pasting them."})
		return
	}
	p, fp := parseForm(r.PostForm, formZone(r))
	d := h.newFormData(r, p)
	d.New, d.Action, d.Errors, d.Raw, d.Zone = id == "", "/postmortems", fp.errors, fp.raw, formZone(r)
	if id != "" {
		d.Action = "/postmortems/" + id
		p.ID = id
		p.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	}
	// "Add row", "remove" and "move up" buttons work without JavaScript:
	// they re-show the form with the change and save nothing.
	if action := r.PostFormValue("_row"); action != "" {
		applyRowAction(d, action)
		h.render(w, r, http.StatusOK, "form", page{Title: formTitle(d), Data: d})
		return
	}
	if len(d.Errors) > 0 {
		h.render(w, r, http.StatusUnprocessableEntity, "form", page{Title: formTitle(d), Data: d})
		return
	}
	ctx := r.Context()
	var err error
	if id == "" {
		err = h.svc.Create(ctx, p)
	} else {
		err = h.svc.Update(ctx, p)
	}
	var v *hindsight.ValidationError
	var c *hindsight.ConflictError
	switch {
	case err == nil:
		http.Redirect(w, r, "/postmortems/"+p.ID+"?saved=1", http.StatusSeeOther)
	case errors.As(err, &v):
		for _, f := range v.Fields {
			d.Errors[inputName(f.Field)] = f.Message
		}
		h.render(w, r, http.StatusUnprocessableEntity, "form", page{Title: formTitle(d), Data: d})
	case errors.As(err, &c):
		current, gerr := h.svc.Get(r.Context(), id)
		if gerr != nil {
			h.fail(w, r, gerr)
			return
		}
		d.Conflict = newConflict(current, p, d.Zone)
		// The form now names the version it was compared with, so saving
		// the merged text succeeds unless yet another change comes first.
		p.Version = current.Version
		h.render(w, r, http.StatusConflict, "form", page{Title: formTitle(d), Data: d})
	default:
		h.fail(w, r, err)
	}
}

func formTitle(d *formData) string {
	if d.New {
		return "New post-mortem"
	}
	return "Edit: " + d.P.Title
}

// applyRowAction adds, removes or moves a row: "add:events",
// "remove:events:2", "up:events:2".
func applyRowAction(d *formData, action string) {
	parts := strings.Split(action, ":")
	if len(parts) < 2 {
		return
	}
	list := parts[1]
	if parts[0] == "add" {
		d.Blank[list] = 2
		return
	}
	if len(parts) != 3 {
		return
	}
	i, err := strconv.Atoi(parts[2])
	if err != nil {
		return
	}
	p := d.P
	switch list {
	case "events":
		p.Events = moveOrRemove(p.Events, parts[0], i)
	case "incident.additional_times":
		p.Incident.AdditionalTimes = moveOrRemove(p.Incident.AdditionalTimes, parts[0], i)
	case "whys":
		p.Whys = moveOrRemove(p.Whys, parts[0], i)
	case "countermeasures":
		p.Countermeasures = moveOrRemove(p.Countermeasures, parts[0], i)
	case "stakeholders":
		p.Stakeholders = moveOrRemove(p.Stakeholders, parts[0], i)
	case "bug_tickets":
		p.BugTickets = moveOrRemove(p.BugTickets, parts[0], i)
	case "other_sections":
		p.OtherSections = moveOrRemove(p.OtherSections, parts[0], i)
	}
	// Row numbers changed: errors and raw values no longer line up.
	d.Errors, d.Raw = map[string]string{}, map[string]string{}
}

func moveOrRemove[T any](s []T, op string, i int) []T {
	if i < 0 || i >= len(s) {
		return s
	}
	switch op {
	case "remove":
		return append(s[:i], s[i+1:]...)
	case "up":
		if i > 0 {
			s[i-1], s[i] = s[i], s[i-1]
		}
	case "down":
		if i+1 < len(s) {
			s[i+1], s[i] = s[i], s[i+1]
		}
	}
	return s
}
