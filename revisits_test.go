package hindsight_test

import (
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/enginetest"
)

// TestRevisits follows a published SEV1 post-mortem through its revisits
// on both engines: due 30 and 90 days after first publishing, recorded
// with the checklist, listed as due until recorded, hidden from outsiders
// when restricted, and past incidents found on their day.
func TestRevisits(t *testing.T) {
	onEngines(t, func(t *testing.T, svc *hindsight.Service) {
		now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return now }
		svc.Policy.PublishRules = nil
		author, outsider := as(t, svc, "Ana Author", hindsight.Editor), as(t, svc, "Otto Outsider", hindsight.Viewer)
		start := time.Date(2025, 5, 20, 8, 0, 0, 0, time.UTC)
		p := &hindsight.PostMortem{Title: "Payments down", Severity: "SEV1", Status: hindsight.StatusPublished, Incident: hindsight.Incident{StartedAt: &start}}
		secret := &hindsight.PostMortem{Title: "Key leak", Severity: "SEV4", Status: hindsight.StatusPublished, Access: hindsight.Access{Restricted: true}}
		draft := &hindsight.PostMortem{Title: "Draft", Severity: "SEV1"}
		for _, x := range []*hindsight.PostMortem{p, secret, draft} {
			if err := svc.Create(author, x); err != nil {
				t.Fatal(err)
			}
		}
		st, err := svc.Revisits(author, p.ID)
		if err != nil || !st.Published || len(st.Schedule) != 2 || st.Schedule[0].Due.String() != "2026-06-19" || st.Schedule[1].Due.String() != "2026-08-18" || st.Due {
			t.Fatalf("schedule: %+v %v", st, err)
		}
		if st, err := svc.Revisits(author, draft.ID); err != nil || st.Published || len(st.Schedule) != 0 {
			t.Fatalf("a draft's schedule: %+v %v", st, err)
		}
		answers := hindsight.RevisitAnswers{CountermeasuresDone: "partly", StillEffective: "yes", Recurred: "no", Learned: "Pool alerts caught a repeat early"}
		if _, err := svc.RecordRevisit(author, draft.ID, answers); !errors.Is(err, hindsight.ErrInvalid) {
			t.Fatalf("revisiting a draft: %v", err)
		}
		if _, err := svc.RecordRevisit(author, p.ID, hindsight.RevisitAnswers{CountermeasuresDone: "maybe"}); !errors.Is(err, hindsight.ErrInvalid) {
			t.Fatalf("a bad answer: %v", err)
		}
		if _, err := svc.RecordRevisit(outsider, p.ID, answers); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("a viewer recording a revisit: %v", err)
		}
		if due, err := svc.DueRevisits(author); err != nil || len(due) != 0 {
			t.Fatalf("due on publishing day: %+v %v", due, err)
		}
		now = now.Add(31 * 24 * time.Hour)
		due, err := svc.DueRevisits(author)
		if err != nil || len(due) != 1 || due[0].PostMortemID != p.ID || due[0].Seq != 0 || due[0].Due.String() != "2026-06-19" {
			t.Fatalf("due after 31 days: %+v %v", due, err)
		}
		if up, err := svc.ScheduledRevisits(author, now.Add(400*24*time.Hour)); err != nil || len(up) != 2 || up[1].PostMortemID != secret.ID {
			t.Fatalf("scheduled within a year, for the author: %+v %v", up, err)
		}
		if up, err := svc.ScheduledRevisits(outsider, now.Add(400*24*time.Hour)); err != nil || len(up) != 1 {
			t.Fatalf("scheduled, for an outsider: %+v %v", up, err)
		}
		r, err := svc.RecordRevisit(author, p.ID, answers)
		if err != nil || r.Seq != 0 || r.Due.String() != "2026-06-19" || r.By != "Ana Author" || !r.At.Equal(now) {
			t.Fatalf("recorded: %+v %v", r, err)
		}
		if due, err := svc.DueRevisits(author); err != nil || len(due) != 0 {
			t.Fatalf("due after recording: %+v %v", due, err)
		}
		st, err = svc.Revisits(author, p.ID)
		if err != nil || st.Schedule[0].Done == nil || st.Schedule[0].Done.Answer != answers || st.Next == nil || st.Next.Seq != 1 || st.Due {
			t.Fatalf("after the first revisit: %+v %v", st, err)
		}

		past, err := svc.OnThisDay(outsider)
		if err != nil || len(past) != 0 {
			t.Fatalf("on another day: %+v %v", past, err)
		}
		now = time.Date(2026, 5, 20, 7, 0, 0, 0, time.UTC)
		if past, err := svc.OnThisDay(outsider); err != nil || len(past) != 1 || past[0].PostMortemID != p.ID {
			t.Fatalf("on this day: %+v %v", past, err)
		}
	})
}

// TestDueRevisitsAcrossInstances runs two services on one store, as two
// instances: a revisit recorded through one leaves the other's due list
// at once, and one recorded through the other reaches it once its list is
// older than ten seconds and rebuilt in the background — the list is not
// read again at every request in between.
func TestDueRevisitsAcrossInstances(t *testing.T) {
	enginetest.Stores(t, func(t *testing.T, store hindsight.Store, _ bool) {
		var clock atomic.Int64
		clock.Store(time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC).UnixNano())
		now := func() time.Time { return time.Unix(0, clock.Load()).UTC() }
		one, other := hindsight.NewService(store, hindsight.DefaultPolicy()), hindsight.NewService(store, hindsight.DefaultPolicy())
		for _, svc := range []*hindsight.Service{one, other} {
			svc.Now, svc.Policy.PublishRules = now, nil
		}
		author := as(t, one, "Ana Author", hindsight.Editor)
		var ids []string
		for _, title := range []string{"Payments down", "Queue backlog"} {
			p := &hindsight.PostMortem{Title: title, Severity: "SEV1", Status: hindsight.StatusPublished}
			if err := one.Create(author, p); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		clock.Add(int64(31 * 24 * time.Hour))
		due := func(svc *hindsight.Service) int {
			t.Helper()
			d, err := svc.DueRevisits(author)
			if err != nil {
				t.Fatal(err)
			}
			return len(d)
		}
		if a, b := due(one), due(other); a != 2 || b != 2 {
			t.Fatalf("due after 31 days: %d and %d, want 2 and 2", a, b)
		}
		answers := hindsight.RevisitAnswers{CountermeasuresDone: "yes", StillEffective: "yes", Recurred: "no"}
		if _, err := one.RecordRevisit(author, ids[0], answers); err != nil {
			t.Fatal(err)
		}
		if a, b := due(one), due(other); a != 1 || b != 2 {
			t.Fatalf("after a revisit through the first instance: %d and %d due, want 1 at once there and 2 still kept by the other", a, b)
		}
		clock.Add(int64(11 * time.Second))
		due(other) // past ten seconds: served as kept, rebuilt behind
		deadline := time.Now().Add(10 * time.Second)
		for due(other) != 1 {
			if time.Now().After(deadline) {
				t.Fatal("the other instance never rebuilt its due revisits")
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// TestRevisitAudience checks, on both engines, who a revisit fallen due
// is announced to: its author, its stakeholders (by address), its
// countermeasure owners and whoever follows its team or a service it
// names — not anybody else, and of a restricted one only those it is
// shared with.
func TestRevisitAudience(t *testing.T) {
	onEngines(t, func(t *testing.T, svc *hindsight.Service) {
		svc.Policy.PublishRules = nil
		author := as(t, svc, "Ana Author", hindsight.Editor)
		as(t, svc, "Sam Stakeholder", hindsight.Viewer)
		as(t, svc, "Olga Owner", hindsight.Viewer)
		as(t, svc, "Otto Outsider", hindsight.Viewer)
		if _, err := svc.SetFollowing(as(t, svc, "Finn Follower", hindsight.Viewer), []string{"payments"}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SetFollowing(as(t, svc, "Sid Service", hindsight.Viewer), nil, []string{"ledger"}); err != nil {
			t.Fatal(err)
		}
		audience := func(p *hindsight.PostMortem) string {
			t.Helper()
			if err := svc.Create(author, p); err != nil {
				t.Fatal(err)
			}
			aud, err := svc.AnnouncementAudience(hindsight.Housekeeping(t.Context()), hindsight.Announcement{Kind: hindsight.AnnounceRevisitDue, PostMortemID: p.ID})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, u := range aud.Users {
				names = append(names, u.Name)
			}
			slices.Sort(names)
			return strings.Join(names, ", ")
		}
		p := &hindsight.PostMortem{Title: "Payments down", Severity: "SEV1", Status: hindsight.StatusPublished, Team: "Payments", Services: []string{"Ledger"},
			Stakeholders:    []hindsight.Stakeholder{{Name: "Sam", Email: "sam.stakeholder@example.com"}},
			Countermeasures: []hindsight.Countermeasure{{Title: "Alert on pool saturation", Owner: "olga owner"}}}
		if got := audience(p); got != "Ana Author, Finn Follower, Olga Owner, Sam Stakeholder, Sid Service" {
			t.Errorf("the revisit's audience: %s", got)
		}
		secret := &hindsight.PostMortem{Title: "Key leak", Severity: "SEV1", Status: hindsight.StatusPublished, Team: "Payments",
			Access:       hindsight.Access{Restricted: true, Users: []string{"sam.stakeholder@example.com"}},
			Stakeholders: []hindsight.Stakeholder{{Name: "Sam", Email: "sam.stakeholder@example.com"}}}
		if got := audience(secret); got != "Ana Author, Sam Stakeholder" {
			t.Errorf("the restricted revisit's audience: %s", got)
		}
	})
}
