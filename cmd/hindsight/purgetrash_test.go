package main

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/sqlite"
)

// TestPurgeTrashJob runs the job serve starts: at once, it purges what
// has been in the trash longer than the policy keeps it, and only that,
// as the scheduled housekeeping in the audit log.
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
	go func() { purgeTrash(ctx, svc); close(done) }()
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
