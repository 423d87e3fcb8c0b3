package hindsight_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/sqlite"
)

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
	p := &hindsight.PostMortem{Title: "Outage", Countermeasures: []hindsight.Countermeasure{{Title: "Add alert", Owner: "Priya"}}}
	if err := svc.Create(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	cm := p.Countermeasures[0].ID
	if _, err := svc.VerifyCountermeasure(t.Context(), p.ID, 1, cm, "Amara", "works"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("verifying an open countermeasure: %v", err)
	}
	p, err := svc.SetCountermeasureStatus(t.Context(), p.ID, 1, cm, hindsight.CMDone)
	if err != nil || p.Countermeasures[0].DoneAt == nil || !p.Countermeasures[0].DoneAt.Equal(now) || p.Version != 2 {
		t.Fatalf("done: %+v %v", p, err)
	}
	if _, err := svc.SetCountermeasureStatus(t.Context(), p.ID, 1, cm, hindsight.CMOpen); !errors.Is(err, hindsight.ErrConflict) {
		t.Fatalf("a stale status change: %v", err)
	}
	if _, err := svc.SetCountermeasureStatus(t.Context(), p.ID, 2, cm, "later"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("an unknown status: %v", err)
	}
	if _, err := svc.VerifyCountermeasure(t.Context(), p.ID, 2, cm, " ", ""); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("a verification without a name: %v", err)
	}
	p, err = svc.VerifyCountermeasure(t.Context(), p.ID, 2, cm, "Amara", "Fired in a game day")
	if err != nil {
		t.Fatal(err)
	}
	p, err = svc.VerifyCountermeasure(t.Context(), p.ID, 3, cm, "Jonas", "Still fires")
	if err != nil {
		t.Fatal(err)
	}
	c := p.Countermeasures[0]
	if len(c.Verifications) != 2 || c.Verifications[0].By != "Amara" || c.VerifiedAt == nil || !c.VerifiedAt.Equal(now) {
		t.Fatalf("history: %+v", c)
	}
	if _, err := svc.SetCountermeasureStatus(t.Context(), p.ID, 4, "nope", hindsight.CMDone); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("a missing countermeasure: %v", err)
	}
}

func TestLateMeetings(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	at := func(s string) *time.Time { v, _ := time.Parse(time.RFC3339, s); return &v }
	mk := func(title, sev, ended string, meeting *time.Time) {
		p := &hindsight.PostMortem{Title: title, Severity: sev, Meeting: hindsight.Meeting{Date: meeting}}
		p.Incident.StartedAt, p.Incident.EndedAt = at(ended), at(ended)
		if err := svc.Create(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	mk("SEV1 no meeting after 5 days", "SEV1", "2026-05-15T10:00:00Z", nil)                // deadline 05-18: late
	mk("SEV1 meeting in time", "SEV1", "2026-05-15T10:00:00Z", at("2026-05-17T10:00:00Z")) // in time
	mk("SEV2 meeting scheduled late", "SEV2", "2026-05-10T10:00:00Z", at("2026-05-25T10:00:00Z"))
	mk("SEV4 still within 10 days", "SEV4", "2026-05-15T10:00:00Z", nil)
	late, err := svc.LateMeetings(t.Context(), hindsight.FactsFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(late) != 2 || late[0].Title != "SEV2 meeting scheduled late" || late[1].Title != "SEV1 no meeting after 5 days" {
		t.Fatalf("late meetings: %+v", late)
	}
}

// TestUpdateKeepsHistory sends a countermeasure without its done time and
// verification history, as a form or an older API client does: both stay.
func TestUpdateKeepsHistory(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	done := now.Add(-72 * time.Hour)
	p := &hindsight.PostMortem{Title: "Outage", Countermeasures: []hindsight.Countermeasure{{Title: "Alert", Status: hindsight.CMDone, DoneAt: &done}}}
	if err := svc.Create(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	p, err := svc.VerifyCountermeasure(t.Context(), p.ID, 1, p.Countermeasures[0].ID, "Amara", "still fires")
	if err != nil {
		t.Fatal(err)
	}
	edit := *p
	edit.Countermeasures = []hindsight.Countermeasure{{ID: p.Countermeasures[0].ID, Title: "Alert on saturation", Status: hindsight.CMDone}}
	if err := svc.Update(t.Context(), &edit); err != nil {
		t.Fatal(err)
	}
	c := edit.Countermeasures[0]
	if c.DoneAt == nil || !c.DoneAt.Equal(done) || len(c.Verifications) != 1 || c.Verifications[0].By != "Amara" || c.VerifiedAt == nil || c.Title != "Alert on saturation" {
		t.Fatalf("history lost: %+v", c)
	}
	// Reopened, it loses its done time; the history of checks stays.
	edit.Countermeasures[0].Status = hindsight.CMOpen
	if err := svc.Update(t.Context(), &edit); err != nil {
		t.Fatal(err)
	}
	if c := edit.Countermeasures[0]; c.DoneAt != nil || len(c.Verifications) != 1 {
		t.Fatalf("reopened: %+v", c)
	}
	missing := &hindsight.PostMortem{ID: "nope", Version: 1, Title: "x"}
	if err := svc.Update(t.Context(), missing); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("update of a missing post-mortem: %v", err)
	}
}
