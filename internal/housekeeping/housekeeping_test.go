package housekeeping_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/housekeeping"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
)

// TestPurgeTrashJob runs the jobs serve runs: at once, the trash job
// purges what has been in the trash longer than the policy keeps it, and
// only that, as the scheduled housekeeping in the audit log.
func TestPurgeTrashJob(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	cli := hindsight.CommandLine(t.Context())
	trashed := func(ago time.Duration) string {
		svc.Now = func() time.Time { return time.Now().Add(-ago) }
		p := &hindsight.PostMortem{Title: "Trashed"}
		if err := svc.Create(cli, p); err != nil {
			t.Fatal(err)
		}
		if err := svc.Delete(cli, p.ID, p.Version); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	old, recent := trashed(31*24*time.Hour), trashed(29*24*time.Hour)
	svc.Now = time.Now
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		housekeeping.Run(ctx, svc, "test", 10*time.Millisecond, housekeeping.Jobs(svc, 24*time.Hour))
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := svc.Trashed(cli, old); errors.Is(err, hindsight.ErrNotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the job did not purge what expired")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	if _, err := svc.Trashed(cli, recent); err != nil {
		t.Fatalf("the job purged what is still within 30 days: %v", err)
	}
	log, err := svc.Audit(cli, hindsight.AuditFilter{Action: "postmortem.purged"})
	if err != nil || len(log.Items) != 1 || log.Items[0].Target != old || log.Items[0].Actor != "Hindsight (scheduled)" {
		t.Fatalf("purge not audited as the schedule's: %+v %v", log.Items, err)
	}
}

// TestOnceAcrossInstances runs the housekeeping of two instances on one
// PostgreSQL database: each period a job runs once, not once per
// instance.
func TestOnceAcrossInstances(t *testing.T) {
	url := pgtest.URL(t)
	var mu sync.Mutex
	runs := map[string]int{}
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b"} {
		s, err := postgres.Open(t.Context(), url, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		svc := hindsight.NewService(s, hindsight.DefaultPolicy())
		job := housekeeping.Job{Name: "count", Every: 300 * time.Millisecond, Run: func(context.Context) error {
			mu.Lock()
			runs[name]++
			mu.Unlock()
			return nil
		}}
		wg.Go(func() { housekeeping.Run(ctx, svc, name, 20*time.Millisecond, []housekeeping.Job{job}) })
	}
	time.Sleep(1600 * time.Millisecond)
	cancel()
	wg.Wait()
	total := runs["a"] + runs["b"]
	// 1.6 s at one run per 300 ms: at most seven runs (six, and one at the
	// edge), where two instances each running it would make about twelve.
	// A busy machine may delay ticks, so fewer is fine.
	if total < 2 || total > 7 {
		t.Fatalf("the job ran %d times in 1.6 s with a 300 ms period (%v)", total, runs)
	}
}
