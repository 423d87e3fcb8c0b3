package insights_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/enginetest"
	"hindsight/internal/insights"
)

// TestReportsKeepAndRefresh checks on both engines that a snapshot is
// served as kept while fresh, served stale while a newer one is built once
// it is not, and then replaced; and that readers who see different
// post-mortems never share one.
func TestReportsKeepAndRefresh(t *testing.T) {
	enginetest.Services(t, func(t *testing.T, svc *hindsight.Service) {
		var clock atomic.Int64
		start := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
		clock.Store(start.UnixNano())
		svc.Now = func() time.Time { return time.Unix(0, clock.Load()).UTC() }
		advance := func(d time.Duration) { clock.Add(int64(d)) }

		admin := hindsight.CommandLine(t.Context())
		user, err := svc.AddUser(admin, hindsight.NewUser{Email: "vi@example.com", Name: "Vi Viewer", Role: hindsight.Viewer})
		if err != nil {
			t.Fatal(err)
		}
		viewer := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: user})
		ended := start.Add(-30 * 24 * time.Hour)
		add := func(title string, restricted bool) {
			t.Helper()
			p := &hindsight.PostMortem{Title: title, Severity: "SEV2", Incident: hindsight.Incident{StartedAt: &ended, EndedAt: &ended},
				Access: hindsight.Access{Restricted: restricted, Users: []string{"someone@example.com"}}}
			if !restricted {
				p.Access.Users = nil
			}
			if err := svc.Create(admin, p); err != nil {
				t.Fatal(err)
			}
		}
		incidents := func(ctx context.Context, r *insights.Reports) int {
			t.Helper()
			snap, err := r.Get(ctx, hindsight.FactsFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return snap.Report.Total.Incidents
		}

		add("Cache stampede", false)
		add("Leaked credentials", true)
		r := insights.NewReports(svc, 30*time.Second)
		if n := incidents(admin, r); n != 2 {
			t.Fatalf("admin sees %d incidents, want 2", n)
		}
		if n := incidents(viewer, r); n != 1 {
			t.Fatalf("viewer sees %d incidents, want 1: the restricted one leaked through the admin's snapshot", n)
		}
		if late, _ := r.Get(viewer, hindsight.FactsFilter{}); len(late.Late) != 1 || late.Late[0].Title != "Cache stampede" {
			t.Fatalf("viewer's late meetings: %+v", late.Late)
		}

		add("Queue backlog", false)
		advance(10 * time.Second)
		if n := incidents(admin, r); n != 2 {
			t.Fatalf("within 30 s the kept snapshot is served: got %d incidents, want 2", n)
		}
		advance(25 * time.Second)
		if n := incidents(admin, r); n != 2 {
			t.Fatalf("past 30 s the old snapshot is served while the new one is built: got %d, want 2", n)
		}
		deadline := time.Now().Add(10 * time.Second)
		for incidents(admin, r) != 3 {
			if time.Now().After(deadline) {
				t.Fatal("the snapshot was not rebuilt in the background")
			}
			time.Sleep(10 * time.Millisecond)
		}
		if n := incidents(viewer, r); n != 1 {
			t.Fatalf("the viewer's own snapshot is still within its 30 s: got %d, want 1", n)
		}
		if _, err := r.Get(viewer, hindsight.FactsFilter{Tag: "a\x00b"}); err == nil {
			t.Fatal("a filter with NUL was accepted")
		}
	})
}
