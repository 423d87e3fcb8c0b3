package calendar

import (
	"io"
	"strconv"
	"time"
)

// Invitation is a meeting request (RFC 5546 METHOD:REQUEST): calendar
// programs offer to accept or decline it and reply to the organizer. A
// later one with the same UID and a higher Sequence replaces it.
type Invitation struct {
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

// WriteInvitation writes the meeting request as one VCALENDAR.
func WriteInvitation(w io.Writer, inv Invitation) error {
	cw := &contentWriter{w: w}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//Hindsight//Post-mortems//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("METHOD:REQUEST")
	cw.line("BEGIN:VEVENT")
	cw.line("UID:" + escape(inv.UID))
	cw.line("SEQUENCE:" + strconv.FormatInt(inv.Sequence, 10))
	cw.line("DTSTAMP:" + inv.Stamp.UTC().Format("20060102T150405Z"))
	cw.line("DTSTART:" + inv.Start.UTC().Format("20060102T150405Z"))
	cw.line("DTEND:" + inv.Start.UTC().Add(inv.Duration).Format("20060102T150405Z"))
	cw.texts(inv.Summary, inv.Description, inv.URL)
	cw.line("ORGANIZER" + cn(inv.Organizer.Name) + ":mailto:" + inv.Organizer.Email)
	for _, a := range inv.Attendees {
		cw.line("ATTENDEE" + cn(a.Name) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + a.Email)
	}
	cw.line("STATUS:CONFIRMED")
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
