package announce_test

import (
	"errors"
	"mime"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"hindsight"
	"hindsight/internal/mail/mailtest"
)

// invite is what a meeting e-mail says, read back from the SMTP server.
type invite struct {
	to, subject, replyTo, text, html string
	method, calendarType             string
	uid, seq, status                 string
	start                            time.Time
	attendees                        []string
	attached                         bool
}

// readInvite takes a received meeting e-mail apart: the text/calendar
// alternative (with its method parameter) parsed by a real iCalendar
// parser, the attached invite.ics, and the text parts.
func readInvite(t *testing.T, m mailtest.Received) invite {
	t.Helper()
	parts, err := m.Leaves()
	if err != nil {
		t.Fatalf("%v\n%s", err, m.Raw)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Parse.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	inv := invite{to: strings.Join(m.To, " "), subject: subject, replyTo: m.Parse.Header.Get("Reply-To")}
	var cal string
	for _, p := range parts {
		switch {
		case p.Type == "text/calendar" && p.Within == "multipart/alternative":
			cal, inv.calendarType = p.Body, p.Params["method"]
		case p.Filename == "invite.ics" && p.Type == "application/ics":
			inv.attached = true
		}
	}
	if inv.text, inv.html, err = m.Parts(); err != nil {
		t.Fatal(err)
	}
	c, err := ics.ParseCalendar(strings.NewReader(cal))
	if err != nil || len(c.Events()) != 1 {
		t.Fatalf("the calendar part does not parse: %v\n%s", err, m.Raw)
	}
	for _, p := range c.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			inv.method = p.Value
		}
	}
	e := c.Events()[0]
	inv.uid = e.Id()
	inv.seq = e.GetProperty(ics.ComponentPropertySequence).Value
	inv.status = e.GetProperty(ics.ComponentPropertyStatus).Value
	inv.start, _ = e.GetStartAt()
	for _, a := range e.Attendees() {
		inv.attendees = append(inv.attendees, a.Email())
	}
	slices.Sort(inv.attendees)
	return inv
}

// invitesSince waits for n more messages after the first `from` and
// reads them, sorted by recipient.
func invitesSince(t *testing.T, srv *mailtest.Server, from, n int) []invite {
	t.Helper()
	waitFor(t, "the meeting e-mails", func() bool { return len(srv.Messages()) >= from+n })
	time.Sleep(300 * time.Millisecond)
	got := srv.Messages()
	if len(got) != from+n {
		t.Fatalf("%d e-mails, want %d", len(got)-from, n)
	}
	var out []invite
	for _, m := range got[from:] {
		out = append(out, readInvite(t, m))
	}
	slices.SortFunc(out, func(a, b invite) int { return strings.Compare(a.to, b.to) })
	return out
}

// TestMeetingInvitations schedules, moves and cancels a post-mortem's
// meeting through the service, on both engines, with mail going through
// the queue to a real SMTP server: each person invited gets an e-mail
// whose text/calendar; method=REQUEST part (and invite.ics) a calendar
// parser reads — one UID for the meeting, a SEQUENCE that grows with
// every change, everyone invited as attendees, replies to the organizer;
// someone taken off the list and, at the end, everyone gets a
// METHOD:CANCEL. A restricted post-mortem's meeting mail goes only to
// people who may read it when it is sent. Moving a post-mortem to the
// trash cancels its meeting too.
func TestMeetingInvitations(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		author := as(t, svc, "Ana Author", hindsight.Editor)
		as(t, svc, "Dee Decider", hindsight.Viewer)
		as(t, svc, "Vic Viewer", hindsight.Viewer)
		srv := mailtest.Start(t, false)
		in.start(t, withMail(t, srv, nil))
		if !svc.MailOn(author) {
			t.Fatal("the service does not know mail is on")
		}
		p := &hindsight.PostMortem{Title: "Checkout outage", Severity: "SEV3", Stakeholders: []hindsight.Stakeholder{
			{Name: "Dee Decider", Email: "dee.decider@example.com", Roles: []hindsight.Role{hindsight.RoleDecided}},
			{Name: "Rae Responder", Email: "rae@example.com", Roles: []hindsight.Role{hindsight.RoleResponded}}}}
		if err := svc.Create(author, p); err != nil {
			t.Fatal(err)
		}
		uid := "meeting-" + p.ID + "@hindsight"
		at := time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC)
		if _, err := svc.ScheduleMeeting(author, p.ID, 1, at, []string{"dee.decider@example.com", "Sam Support <sam@example.com>"}); err != nil {
			t.Fatal(err)
		}
		got := invitesSince(t, srv, 0, 2)
		for i, who := range []string{"dee.decider@example.com", "sam@example.com"} {
			g := got[i]
			if g.to != who || g.method != "REQUEST" || g.calendarType != "REQUEST" || g.uid != uid || g.seq != "2" || g.status != "CONFIRMED" ||
				!g.start.Equal(at) || strings.Join(g.attendees, " ") != "dee.decider@example.com sam@example.com" || !g.attached ||
				g.replyTo != "<ana.author@example.com>" || g.subject != "[Hindsight] Invitation: Post-mortem meeting: Checkout outage (Thu 3 Dec 2026, 15:30–16:30 UTC)" {
				t.Errorf("invitation %d: %+v", i, g)
			}
			if !strings.Contains(g.text, "Ana Author invites you to the post-mortem meeting of “Checkout outage” on Thu 3 Dec 2026, 15:30–16:30 UTC.") ||
				!strings.Contains(g.text, "Invited: Dee Decider, Sam Support.") || !strings.Contains(g.html, `href="https://h.example.com/postmortems/`+p.ID+`"`) {
				t.Errorf("invitation %d says:\n%s\n%s", i, g.text, g.html)
			}
		}

		// Scheduling again at another time, Sam off the list and Rae on
		// it: an update to those invited, a cancellation to Sam.
		later := at.Add(24 * time.Hour)
		if _, err := svc.ScheduleMeeting(author, p.ID, 2, later, []string{"dee.decider@example.com", "rae@example.com"}); err != nil {
			t.Fatal(err)
		}
		got = invitesSince(t, srv, 2, 3)
		want := []struct{ to, method, seq, subject string }{
			{"dee.decider@example.com", "REQUEST", "3", "[Hindsight] Updated invitation: Post-mortem meeting: Checkout outage (Fri 4 Dec 2026, 15:30–16:30 UTC)"},
			{"rae@example.com", "REQUEST", "3", "[Hindsight] Updated invitation: Post-mortem meeting: Checkout outage (Fri 4 Dec 2026, 15:30–16:30 UTC)"},
			{"sam@example.com", "CANCEL", "3", "[Hindsight] No longer invited: Post-mortem meeting: Checkout outage (Thu 3 Dec 2026, 15:30–16:30 UTC)"},
		}
		for i, w := range want {
			if g := got[i]; g.to != w.to || g.method != w.method || g.calendarType != w.method || g.seq != w.seq || g.uid != uid || g.subject != w.subject {
				t.Errorf("after rescheduling, %d: %+v, want %+v", i, g, w)
			}
		}
		if a := strings.Join(got[0].attendees, " "); a != "dee.decider@example.com rae@example.com" {
			t.Errorf("the update invites %s", a)
		}
		if g := got[2]; strings.Join(g.attendees, " ") != "sam@example.com" || g.status != "CANCELLED" {
			t.Errorf("Sam's cancellation: %+v", g)
		}

		// Moving the date in an ordinary edit tells those invited.
		cur, err := svc.Get(author, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		moved := later.Add(2 * time.Hour)
		cur.Meeting.Date = &moved
		if err := svc.Update(author, cur); err != nil {
			t.Fatal(err)
		}
		got = invitesSince(t, srv, 5, 2)
		for _, g := range got {
			if g.method != "REQUEST" || g.seq != "4" || !g.start.Equal(moved) {
				t.Errorf("after the edit: %+v", g)
			}
		}

		// Cancelling: everyone invited gets a cancellation; nobody is
		// invited any more.
		if err := svc.CancelMeeting(author, p.ID, 3); !errors.Is(err, hindsight.ErrConflict) {
			t.Fatalf("cancelling from a stale version: %v", err)
		}
		if err := svc.CancelMeeting(author, p.ID, 4); err != nil {
			t.Fatal(err)
		}
		got = invitesSince(t, srv, 7, 2)
		for _, g := range got {
			if g.method != "CANCEL" || g.seq != "5" || g.status != "CANCELLED" || !g.start.Equal(moved) || !strings.HasPrefix(g.subject, "[Hindsight] Cancelled: ") {
				t.Errorf("cancellation: %+v", g)
			}
		}
		if st, err := svc.Meeting(author, p.ID); err != nil || st.Date != nil || len(st.Invitations) != 0 {
			t.Fatalf("after cancelling: %+v %v", st, err)
		}
		if err := svc.CancelMeeting(author, p.ID, 5); err == nil || !strings.Contains(err.Error(), "no meeting is scheduled") {
			t.Fatalf("cancelling twice: %v", err)
		}

		// A restricted post-mortem: shared with Dee and Vic, whose meeting
		// is then moved in the save that stops sharing it with Dee — the
		// update reaches Vic only.
		q := &hindsight.PostMortem{Title: "Key leak", Severity: "SEV3",
			Access: hindsight.Access{Restricted: true, Users: []string{"dee.decider@example.com", "vic.viewer@example.com"}}}
		if err := svc.Create(author, q); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ScheduleMeeting(author, q.ID, 1, at, []string{"dee.decider@example.com", "vic.viewer@example.com"}); err != nil {
			t.Fatal(err)
		}
		invitesSince(t, srv, 9, 2)
		cur, err = svc.Get(author, q.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur.Meeting.Date, cur.Access.Users = &later, []string{"vic.viewer@example.com"}
		if err := svc.Update(author, cur); err != nil {
			t.Fatal(err)
		}
		got = invitesSince(t, srv, 11, 1)
		if g := got[0]; g.to != "vic.viewer@example.com" || g.method != "REQUEST" || strings.Join(g.attendees, " ") != "vic.viewer@example.com" {
			t.Errorf("the restricted meeting's update: %+v", g)
		}

		// Moving it to the trash calls the meeting off in the same
		// transaction: a cancellation to those invited who may read it
		// (Vic), none from a refused move, and nobody invited after a
		// restore.
		if err := svc.Delete(author, q.ID, 2); !errors.Is(err, hindsight.ErrConflict) {
			t.Fatalf("deleting a stale version: %v", err)
		}
		if err := svc.Delete(author, q.ID, 3); err != nil {
			t.Fatal(err)
		}
		got = invitesSince(t, srv, 12, 1)
		if g := got[0]; g.to != "vic.viewer@example.com" || g.method != "CANCEL" || g.calendarType != "CANCEL" || g.seq != "4" ||
			g.status != "CANCELLED" || g.uid != "meeting-"+q.ID+"@hindsight" || !g.start.Equal(later) || !g.attached ||
			g.subject != "[Hindsight] Cancelled: Post-mortem meeting: Key leak (Fri 4 Dec 2026, 15:30–16:30 UTC)" ||
			!strings.Contains(g.text, "The post-mortem meeting of “Key leak” on Fri 4 Dec 2026, 15:30–16:30 UTC is off: the post-mortem was moved to the trash.") {
			t.Errorf("the cancellation of a trashed post-mortem's meeting: %+v", g)
		}
		if err := svc.RestoreFromTrash(author, q.ID); err != nil {
			t.Fatal(err)
		}
		if st, err := svc.Meeting(author, q.ID); err != nil || st.Date == nil || len(st.Invitations) != 0 {
			t.Fatalf("the meeting after a restore: %+v %v", st, err)
		}
	})
}
