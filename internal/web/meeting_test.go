package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"hindsight"
)

// TestMeetingInvitation schedules a meeting from the review page without
// JavaScript and downloads its invitation: a METHOD:REQUEST calendar a
// real parser reads, organised by the scheduler, with each invited
// stakeholder asked to reply; the page shows who of the guide's list was
// not invited.
func TestMeetingInvitation(t *testing.T) {
	s := newSite(t)
	p := &hindsight.PostMortem{Title: "Queue stalled", Severity: "SEV3", Stakeholders: []hindsight.Stakeholder{
		{Name: "Dee Decider", Email: "dee@example.com", Roles: []hindsight.Role{hindsight.RoleDecided}},
		{Name: "Rae Responder", Email: "rae@example.com", Roles: []hindsight.Role{hindsight.RoleResponded}}}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	if code, _ := s.get("/postmortems/" + p.ID + "/meeting.ics"); code != http.StatusNotFound {
		t.Errorf("an invitation before scheduling: %d", code)
	}
	form := url.Values{"version": {"1"}, "meeting_at": {"2026-12-03T15:30"}, "invite": {"dee@example.com"}, "others": {"Sam Support <sam@example.com>"}}
	if code, loc, body := s.post("/postmortems/"+p.ID+"/review/meeting", form); code != http.StatusSeeOther {
		t.Fatalf("schedule %d %s:\n%s", code, loc, body)
	}
	_, page := s.get("/postmortems/" + p.ID + "/review")
	mustContain(t, page, "Dee Decider (invited)", "Rae Responder (<strong class=\"late\">not invited</strong>)", "Invitation (.ics) for 2 invited")
	code, body := s.get("/postmortems/" + p.ID + "/meeting.ics")
	if code != http.StatusOK {
		t.Fatalf("invitation %d", code)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the invitation does not parse: %v\n%s", err, body)
	}
	if m := cal.CalendarProperties; !strings.Contains(body, "METHOD:REQUEST\r\n") || len(m) == 0 {
		t.Fatalf("not a request:\n%s", body)
	}
	e := cal.Events()[0]
	if at, err := e.GetStartAt(); err != nil || at.UTC().Format("2006-01-02 15:04") != "2026-12-03 15:30" {
		t.Errorf("starts %v %v (the form's time is UTC here)", at, err)
	}
	if org := e.GetProperty(ics.ComponentPropertyOrganizer); org == nil || org.Value != "mailto:priya@example.com" {
		t.Errorf("organizer %+v", org)
	}
	var who []string
	for _, a := range e.Attendees() {
		if a.ICalParameters["RSVP"][0] != "TRUE" || a.ICalParameters["PARTSTAT"][0] != "NEEDS-ACTION" {
			t.Errorf("attendee %s is not asked to reply: %v", a.Email(), a.ICalParameters)
		}
		who = append(who, a.Email())
	}
	if strings.Join(who, " ") != "dee@example.com sam@example.com" {
		t.Errorf("attendees %v", who)
	}
	if seq := e.GetProperty(ics.ComponentPropertySequence); seq == nil || seq.Value != "2" {
		t.Errorf("sequence %+v", seq)
	}
	if e.Id() != "meeting-"+p.ID+"@hindsight" {
		t.Errorf("uid %s", e.Id())
	}

	// Cancelling: the meeting is no longer scheduled, nobody is invited,
	// and there is no invitation to download.
	mustContain(t, page, "Cancel the meeting", "Update and tell those invited")
	if code, loc, body := s.post("/postmortems/"+p.ID+"/review/cancel-meeting", url.Values{"version": {"2"}}); code != http.StatusSeeOther || !strings.Contains(loc, "Meeting+cancelled") {
		t.Fatalf("cancel %d %s:\n%s", code, loc, body)
	}
	_, page = s.get("/postmortems/" + p.ID + "/review")
	mustContain(t, page, "Not scheduled.", "Dee Decider (<strong class=\"late\">not invited</strong>)", "Schedule and invite")
	if code, _ := s.get("/postmortems/" + p.ID + "/meeting.ics"); code != http.StatusNotFound {
		t.Errorf("an invitation after cancelling: %d", code)
	}
}
