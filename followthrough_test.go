package hindsight_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/sqlite"
)

// as is a context signed in as a new user with that name and role.
func as(t *testing.T, svc *hindsight.Service, name string, role hindsight.UserRole) context.Context {
	t.Helper()
	u, err := svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com", Name: name, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u, Via: "test"})
}

func newService(t *testing.T, now time.Time) *hindsight.Service {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	svc.Now = func() time.Time { return now }
	return svc
}

func TestCountermeasureFollowThrough(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ctx, amara, jonas := as(t, svc, "Priya", hindsight.Editor), as(t, svc, "Amara", hindsight.Editor), as(t, svc, "Jonas", hindsight.Editor)
	p := &hindsight.PostMortem{Title: "Outage", Countermeasures: []hindsight.Countermeasure{{Title: "Add alert", Owner: "Priya"}}}
	if err := svc.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	cm := p.Countermeasures[0].ID
	if _, err := svc.VerifyCountermeasure(amara, p.ID, 1, cm, "works"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("verifying an open countermeasure: %v", err)
	}
	p, err := svc.SetCountermeasureStatus(ctx, p.ID, 1, cm, hindsight.CMDone)
	if err != nil || p.Countermeasures[0].DoneAt == nil || !p.Countermeasures[0].DoneAt.Equal(now) || p.Version != 2 {
		t.Fatalf("done: %+v %v", p, err)
	}
	if _, err := svc.SetCountermeasureStatus(ctx, p.ID, 1, cm, hindsight.CMOpen); !errors.Is(err, hindsight.ErrConflict) {
		t.Fatalf("a stale status change: %v", err)
	}
	if _, err := svc.SetCountermeasureStatus(ctx, p.ID, 2, cm, "later"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("an unknown status: %v", err)
	}
	if _, err := svc.VerifyCountermeasure(t.Context(), p.ID, 2, cm, "nobody signed in"); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Fatalf("a verification by nobody: %v", err)
	}
	p, err = svc.VerifyCountermeasure(amara, p.ID, 2, cm, "Fired in a game day")
	if err != nil {
		t.Fatal(err)
	}
	p, err = svc.VerifyCountermeasure(jonas, p.ID, 3, cm, "Still fires")
	if err != nil {
		t.Fatal(err)
	}
	c := p.Countermeasures[0]
	if len(c.Verifications) != 2 || c.Verifications[0].By != "Amara" || c.VerifiedAt == nil || !c.VerifiedAt.Equal(now) {
		t.Fatalf("history: %+v", c)
	}
	if _, err := svc.SetCountermeasureStatus(ctx, p.ID, 4, "nope", hindsight.CMDone); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("a missing countermeasure: %v", err)
	}
}

func TestLateMeetings(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ctx := as(t, svc, "Priya", hindsight.Editor)
	at := func(s string) *time.Time { v, _ := time.Parse(time.RFC3339, s); return &v }
	mk := func(title, sev, ended string, meeting *time.Time) {
		p := &hindsight.PostMortem{Title: title, Severity: sev, Meeting: hindsight.Meeting{Date: meeting}}
		p.Incident.StartedAt, p.Incident.EndedAt = at(ended), at(ended)
		if err := svc.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	mk("SEV1 no meeting after 5 days", "SEV1", "2026-05-15T10:00:00Z", nil)                // deadline 05-18: late
	mk("SEV1 meeting in time", "SEV1", "2026-05-15T10:00:00Z", at("2026-05-17T10:00:00Z")) // in time
	mk("SEV2 meeting scheduled late", "SEV2", "2026-05-10T10:00:00Z", at("2026-05-25T10:00:00Z"))
	mk("SEV4 still within 10 days", "SEV4", "2026-05-15T10:00:00Z", nil)
	late, err := svc.LateMeetings(ctx, hindsight.FactsFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(late) != 2 || late[0].Title != "SEV2 meeting scheduled late" || late[1].Title != "SEV1 no meeting after 5 days" {
		t.Fatalf("late meetings: %+v", late)
	}
}

// TestServerRecordsFollowThrough checks that only the server records when
// a countermeasure was done and who verified it: a client that leaves them
// out erases nothing, and one that sends its own (a backdated done time, a
// forged check) is ignored, on create and on update.
func TestServerRecordsFollowThrough(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ctx, amara := as(t, svc, "Priya", hindsight.Editor), as(t, svc, "Amara", hindsight.Editor)
	backdated := now.Add(-72 * time.Hour)
	forged := []hindsight.Verification{{At: backdated, By: "Somebody Else", Note: "trust me"}}
	p := &hindsight.PostMortem{Title: "Outage", Countermeasures: []hindsight.Countermeasure{{Title: "Alert", Status: hindsight.CMDone, DoneAt: &backdated, Verifications: forged}}}
	if err := svc.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	if c := p.Countermeasures[0]; !c.DoneAt.Equal(now) || len(c.Verifications) != 0 || c.VerifiedAt != nil {
		t.Fatalf("a create kept what the client claimed: %+v", c)
	}
	svc.Now = func() time.Time { return now.Add(time.Hour) }
	p, err := svc.VerifyCountermeasure(amara, p.ID, 1, p.Countermeasures[0].ID, "still fires")
	if err != nil {
		t.Fatal(err)
	}
	if v := p.Countermeasures[0].Verifications; len(v) != 1 || v[0].By != "Amara" || !v[0].At.Equal(now.Add(time.Hour)) {
		t.Fatalf("verification: %+v", v)
	}
	svc.Now = func() time.Time { return now.Add(2 * time.Hour) }
	for _, sent := range []hindsight.Countermeasure{
		{ID: p.Countermeasures[0].ID, Title: "Alert on saturation", Status: hindsight.CMDone},
		{ID: p.Countermeasures[0].ID, Title: "Alert on saturation", Status: hindsight.CMDone, DoneAt: &backdated, Verifications: forged},
	} {
		edit := *p
		edit.Countermeasures = []hindsight.Countermeasure{sent}
		if err := svc.Update(ctx, &edit); err != nil {
			t.Fatal(err)
		}
		c := edit.Countermeasures[0]
		if !c.DoneAt.Equal(now) || len(c.Verifications) != 1 || c.Verifications[0].By != "Amara" || !c.VerifiedAt.Equal(now.Add(time.Hour)) || c.Title != "Alert on saturation" {
			t.Fatalf("the record changed with %+v: %+v", sent, c)
		}
		p = &edit
	}
	// Reopened, it loses its done time; the history of checks stays. Done
	// again, it is done now.
	p.Countermeasures[0].Status = hindsight.CMOpen
	if err := svc.Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	if c := p.Countermeasures[0]; c.DoneAt != nil || len(c.Verifications) != 1 {
		t.Fatalf("reopened: %+v", c)
	}
	p.Countermeasures[0].Status, p.Countermeasures[0].DoneAt = hindsight.CMDone, &backdated
	if err := svc.Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	if c := p.Countermeasures[0]; !c.DoneAt.Equal(now.Add(2 * time.Hour)) {
		t.Fatalf("done again: %+v", c)
	}
	missing := &hindsight.PostMortem{ID: "nope", Version: 1, Title: "x"}
	if err := svc.Update(ctx, missing); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("update of a missing post-mortem: %v", err)
	}
}
