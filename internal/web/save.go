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
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20+h.opts.MaxUploadBytes)
	if err := parseAnyForm(r); err != nil {
		h.render(w, r, http.StatusRequestEntityTooLarge, "error", page{Title: "Too large", Data: "The form is larger than 4 MiB; shorten it or attach images instead of pasting them."})
		return
	}
	p, fp := parseForm(r.PostForm, formZone(r))
	d := h.newFormData(r, p)
	d.New, d.Action, d.Errors, d.Raw, d.Zone = id == "", "/postmortems", fp.errors, fp.raw, formZone(r)
	if d.New {
		d.Hints, d.Blank = true, newFormBlanks(p)
	}
	if id != "" {
		d.Action = "/postmortems/" + id
		p.ID = id
		p.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	}
	// "Add row", "remove" and "move up" buttons work without JavaScript:
	// they re-show the form with the change and save nothing.
	if action := r.PostFormValue("_row"); action == "upload" {
		h.attachFromForm(r, d)
		status := http.StatusOK
		if d.Errors["file"] != "" || d.Errors["image_alt"] != "" {
			status = http.StatusUnprocessableEntity
		}
		h.render(w, r, status, "form", page{Title: formTitle(d), Data: d})
		return
	} else if action != "" {
		applyRowAction(d, action)
		h.render(w, r, http.StatusOK, "form", page{Title: formTitle(d), Data: d})
		return
	}
	if len(d.Errors) > 0 {
		// Inputs the form could not read are not all there is to fix: the
		// rules are checked too, so the writer sees every error at once.
		var v *hindsight.ValidationError
		if errors.As(h.svc.Prepare(p), &v) {
			for _, f := range v.Fields {
				if name := inputName(f.Field); d.Errors[name] == "" {
					d.Errors[name] = f.Message
				}
			}
		}
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

// parseAnyForm reads a urlencoded or a multipart form (the form is
// multipart so that an image can be uploaded with it).
func parseAnyForm(r *http.Request) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseMultipartForm(1 << 20)
	}
	return r.ParseForm()
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
	d.Focus = focusAfter(parts[0], list, i, rowCount(p, list))
}

// focusAfter is the button to focus once a row moved or went: the same
// button on the moved row, or the next row's remove button.
func focusAfter(op, list string, i, n int) string {
	switch op {
	case "up":
		return "up:" + list + ":" + strconv.Itoa(max(0, i-1))
	case "down":
		return "down:" + list + ":" + strconv.Itoa(min(n-1, i+1))
	}
	return "remove:" + list + ":" + strconv.Itoa(min(i, max(0, n-1)))
}

func rowCount(p *hindsight.PostMortem, list string) int {
	switch list {
	case "events":
		return len(p.Events)
	case "incident.additional_times":
		return len(p.Incident.AdditionalTimes)
	case "whys":
		return len(p.Whys)
	case "countermeasures":
		return len(p.Countermeasures)
	case "stakeholders":
		return len(p.Stakeholders)
	case "bug_tickets":
		return len(p.BugTickets)
	case "other_sections":
		return len(p.OtherSections)
	}
	return 0
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
