package web

import (
	"net/http"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/calendar"
)

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
// programs offer to accept: the same meeting (UID) as the e-mailed one.
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
	n := hindsight.MeetingNotice{PostMortemID: id, Method: hindsight.MeetingRequest, Sequence: m.Sequence, Start: *m.Date, Title: m.Title,
		Organizer: m.Invitations[0].By, Attendees: m.Invitations, At: m.Invitations[0].At}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method=REQUEST")
	w.Header().Set("Content-Disposition", `attachment; filename="postmortem-meeting.ics"`)
	w.Write(calendar.InvitationOf(n, h.opts.BaseURL).Bytes())
}
