package hindsight

import (
	"testing"
	"time"
)

// TestPrepareStampsCountermeasureTimes checks the derived countermeasure
// state: done gets a done time once, leaving done clears it, and the
// latest verification is the verified time.
func TestPrepareStampsCountermeasureTimes(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := &Service{Policy: DefaultPolicy(), Now: func() time.Time { return now }}
	earlier := now.Add(-48 * time.Hour)
	p := validPostMortem()
	p.Countermeasures = []Countermeasure{
		{Title: "done now", Status: CMDone},
		{Title: "done before", Status: CMDone, DoneAt: &earlier},
		{Title: "reopened", Status: CMOpen, DoneAt: &earlier},
		{Title: "verified", Status: CMDone, DoneAt: &earlier, Verifications: []Verification{{At: earlier, By: "a"}, {At: now, By: "b"}}},
	}
	if err := svc.Prepare(p); err != nil {
		t.Fatal(err)
	}
	cm := p.Countermeasures
	if cm[0].DoneAt == nil || !cm[0].DoneAt.Equal(now) {
		t.Errorf("done now: done_at %v, want %v", cm[0].DoneAt, now)
	}
	if !cm[1].DoneAt.Equal(earlier) {
		t.Errorf("done before: done_at changed to %v", cm[1].DoneAt)
	}
	if cm[2].DoneAt != nil {
		t.Errorf("reopened: done_at %v kept", cm[2].DoneAt)
	}
	if cm[3].VerifiedAt == nil || !cm[3].VerifiedAt.Equal(now) {
		t.Errorf("verified_at %v, want the latest verification %v", cm[3].VerifiedAt, now)
	}
}

func TestPrepareRefusesInvalid(t *testing.T) {
	t.Parallel()
	svc := &Service{Policy: DefaultPolicy(), Now: time.Now}
	if err := svc.Prepare(&PostMortem{}); err == nil {
		t.Fatal("a post-mortem without a title was accepted")
	}
}
