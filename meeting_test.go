package hindsight_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// TestMeeting schedules a post-mortem's meeting on both engines: the time
// is saved with the invitations in one save, the guide's roles show who
// was invited and who not, a stale version conflicts, bad addresses are
// named, and a restricted post-mortem invites only its readers.
func TestMeeting(t *testing.T) {
	onEngines(t, func(t *testing.T, svc *hindsight.Service) {
		now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return now }
		author, viewer := as(t, svc, "Ana Author", hindsight.Editor), as(t, svc, "Vic Viewer", hindsight.Viewer)
		p := &hindsight.PostMortem{Title: "Checkout outage", Severity: "SEV3", Stakeholders: []hindsight.Stakeholder{
			{Name: "Dee Decider", Email: "dee@example.com", Roles: []hindsight.Role{hindsight.RoleDecided}},
			{Name: "Ian Identifier", Email: "ian@example.com", Roles: []hindsight.Role{hindsight.RoleIdentified, hindsight.RoleResponded}},
			{Name: "Support", Roles: []hindsight.Role{hindsight.RoleAffected}}}}
		if err := svc.Create(author, p); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 5, 22, 14, 0, 0, 0, time.UTC)
		if _, err := svc.ScheduleMeeting(viewer, p.ID, p.Version, at, []string{"dee@example.com"}); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("a viewer scheduling: %v", err)
		}
		if _, err := svc.ScheduleMeeting(author, p.ID, p.Version, at, []string{"dee@example.com", "not an address"}); !errors.Is(err, hindsight.ErrInvalid) || !strings.Contains(err.Error(), "invitees[1]") {
			t.Fatalf("a bad address: %v", err)
		}
		invs, err := svc.ScheduleMeeting(author, p.ID, p.Version, at, []string{"dee@example.com", "Guest <Guest@Example.com>", "DEE@example.com"})
		if err != nil || len(invs) != 2 || invs[0].Name != "Dee Decider" || invs[1].Email != "guest@example.com" || invs[1].Name != "Guest" || invs[0].By != "ana.author@example.com" {
			t.Fatalf("invitations: %+v %v", invs, err)
		}
		if _, err := svc.ScheduleMeeting(author, p.ID, p.Version, at, nil); !errors.Is(err, hindsight.ErrConflict) {
			t.Fatalf("scheduling from a stale version: %v", err)
		}
		m, err := svc.Meeting(viewer, p.ID)
		if err != nil || m.Date == nil || !m.Date.Equal(at) || len(m.Invitations) != 2 || m.Sequence != 2 || len(m.Coverage) != 5 {
			t.Fatalf("meeting: %+v %v", m, err)
		}
		want := map[hindsight.Role]string{hindsight.RoleDecided: "invited", hindsight.RoleIdentified: "not invited", hindsight.RoleResponded: "not invited",
			hindsight.RoleDiagnosed: "nobody", hindsight.RoleAffected: "not invited"}
		for _, c := range m.Coverage {
			got := "nobody"
			if len(c.People) > 0 {
				got = map[bool]string{true: "invited", false: "not invited"}[c.Invited]
			}
			if got != want[c.Role] {
				t.Errorf("%s: %s, want %s", c.Role, got, want[c.Role])
			}
		}
		v, err := svc.Versions(author, p.ID, hindsight.RevisionFilter{})
		if err != nil || v.Items[0].Note != "Meeting scheduled; 2 invited" {
			t.Fatalf("history: %+v %v", v.Items, err)
		}

		// A restricted post-mortem invites only those who may read it.
		q := &hindsight.PostMortem{Title: "Key leak", Severity: "SEV3", Access: hindsight.Access{Restricted: true, Users: []string{"vic.viewer@example.com"}}}
		if err := svc.Create(author, q); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ScheduleMeeting(author, q.ID, q.Version, at, []string{"dee@example.com"}); !errors.Is(err, hindsight.ErrInvalid) || !strings.Contains(err.Error(), "may not see") {
			t.Fatalf("inviting an outsider to a restricted meeting: %v", err)
		}
		if _, err := svc.ScheduleMeeting(author, q.ID, q.Version, at, []string{"vic.viewer@example.com"}); err != nil {
			t.Fatal(err)
		}
	})
}
