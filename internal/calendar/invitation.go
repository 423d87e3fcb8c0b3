package calendar

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"

	"hindsight"
)

// MeetingDuration is how long an invitation books: the guide's meeting
// is an hour or so.
const MeetingDuration = time.Hour

// Invitation is a meeting request (RFC 5546 METHOD:REQUEST), which
// calendar programs offer to accept or decline, replying to the
// organizer, or its cancellation (METHOD:CANCEL), which takes the meeting
// out of the attendees' calendars. A later one with the same UID and a
// higher Sequence replaces what came before.
type Invitation struct {
	Method      hindsight.MeetingMethod
	UID         string
	Sequence    int64
	Start       time.Time
	Duration    time.Duration
	Summary     string
	Description string
	URL         string
	Organizer   Attendee
	Attendees   []Attendee
	Stamp       time.Time
}

// Attendee is a person invited, or the organizer.
type Attendee struct{ Name, Email string }

// MeetingUID is the calendar UID of a post-mortem's meeting: the same in
// the downloaded invitation and in every e-mail about it.
func MeetingUID(postmortemID string) string { return "meeting-" + postmortemID + "@hindsight" }

// InvitationOf is the calendar object of a meeting notice; baseURL makes
// the link to the post-mortem absolute.
func InvitationOf(n hindsight.MeetingNotice, baseURL string) Invitation {
	link := strings.TrimRight(baseURL, "/") + "/postmortems/" + n.PostMortemID
	inv := Invitation{Method: n.Method, UID: MeetingUID(n.PostMortemID), Sequence: n.Sequence, Start: n.Start, Duration: MeetingDuration,
		Summary: "Post-mortem meeting: " + n.Title, URL: link, Stamp: n.At,
		Description: "The post-mortem meeting, held blamelessly: what happened, why, and what we will do about it. " + link,
		Organizer:   Attendee{Name: n.OrganizerName, Email: n.Organizer}}
	for _, a := range n.Attendees {
		inv.Attendees = append(inv.Attendees, Attendee{Name: a.Name, Email: a.Email})
	}
	return inv
}

// Bytes is the invitation as one VCALENDAR.
func (inv Invitation) Bytes() []byte {
	var buf bytes.Buffer
	WriteInvitation(&buf, inv) // a bytes.Buffer does not fail
	return buf.Bytes()
}

// WriteInvitation writes the meeting request or cancellation as one
// VCALENDAR. A request asks each attendee to reply (RSVP); a
// cancellation names the attendees it withdraws.
func WriteInvitation(w io.Writer, inv Invitation) error {
	if inv.Method == "" {
		inv.Method = hindsight.MeetingRequest
	}
	cw := &contentWriter{w: w}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//Hindsight//Post-mortems//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("METHOD:" + string(inv.Method))
	cw.line("BEGIN:VEVENT")
	cw.line("UID:" + escape(inv.UID))
	cw.line("SEQUENCE:" + strconv.FormatInt(inv.Sequence, 10))
	cw.line("DTSTAMP:" + inv.Stamp.UTC().Format("20060102T150405Z"))
	cw.line("DTSTART:" + inv.Start.UTC().Format("20060102T150405Z"))
	cw.line("DTEND:" + inv.Start.UTC().Add(inv.Duration).Format("20060102T150405Z"))
	cw.texts(inv.Summary, inv.Description, inv.URL)
	cw.line("ORGANIZER" + cn(inv.Organizer.Name) + ":mailto:" + inv.Organizer.Email)
	for _, a := range inv.Attendees {
		if inv.Method == hindsight.MeetingCancel {
			cw.line("ATTENDEE" + cn(a.Name) + ";ROLE=REQ-PARTICIPANT:mailto:" + a.Email)
			continue
		}
		cw.line("ATTENDEE" + cn(a.Name) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + a.Email)
	}
	if inv.Method == hindsight.MeetingCancel {
		cw.line("STATUS:CANCELLED")
	} else {
		cw.line("STATUS:CONFIRMED")
	}
	cw.line("END:VEVENT")
	cw.line("END:VCALENDAR")
	return cw.err
}

// cn is a CN parameter, quoted (RFC 5545 §3.2: a quoted value holds no
// double quote), or nothing for no name.
func cn(name string) string {
	if name == "" {
		return ""
	}
	clean := make([]rune, 0, len(name))
	for _, r := range name {
		if r != '"' && r >= ' ' {
			clean = append(clean, r)
		}
	}
	return `;CN="` + string(clean) + `"`
}
