package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/calendar"
)

// meetingDuration is how long the invitation books: the guide's meeting
// is an hour or so.
const meetingDuration = time.Hour

// scheduleMeeting reads the meeting form: the time in the reader's zone,
// the stakeholders ticked and any other addresses.
func (h *Handler) scheduleMeeting(r *http.Request, id string, version int64) error {
	f := r.PostForm
	at, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(f.Get("meeting_at")), zoneOf(r))
	if err != nil {
		return hindsight.Invalid("meeting.date", "pick a date and a time")
	}
	invitees := f["invite"]
	for _, a := range strings.FieldsFunc(f.Get("others"), func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if a = strings.TrimSpace(a); a != "" {
			invitees = append(invitees, a)
		}
	}
	_, err = h.svc.ScheduleMeeting(r.Context(), id, version, at, invitees)
	return err
}

// meetingInvitation is the meeting request as an .ics file that calendar
// programs offer to accept.
func (h *Handler) meetingInvitation(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	m, err := h.svc.Meeting(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if m.Date == nil || len(m.Invitations) == 0 {
		h.notFound(w, r)
		return
	}
	base := strings.TrimRight(h.opts.BaseURL, "/")
	inv := calendar.Invitation{UID: "meeting-" + id + "@hindsight", Sequence: m.Sequence, Start: *m.Date, Duration: meetingDuration,
		Summary: "Post-mortem meeting: " + m.Title, URL: base + "/postmortems/" + id, Stamp: m.Invitations[0].At,
		Description: "The post-mortem meeting, held blamelessly: what happened, why, and what we will do about it. " + base + "/postmortems/" + id,
		Organizer:   calendar.Attendee{Email: m.Invitations[0].By}}
	for _, i := range m.Invitations {
		inv.Attendees = append(inv.Attendees, calendar.Attendee{Name: i.Name, Email: i.Email})
	}
	var buf bytes.Buffer
	if err := calendar.WriteInvitation(&buf, inv); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method=REQUEST")
	w.Header().Set("Content-Disposition", `attachment; filename="postmortem-meeting.ics"`)
	w.Write(buf.Bytes())
}
