package housekeeping_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/housekeeping"
	"hindsight/internal/sqlite"
)

// TestPurgeUploadsWhileServing runs the scheduled purge of uploads against
// a real database: an upload older than the time to keep it goes, a newer
// one stays.
func TestPurgeUploadsWhileServing(t *testing.T) {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := hindsight.NewService(st, hindsight.DefaultPolicy())
	start := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc.Now = func() time.Time { return start }
	ctx := hindsight.CommandLine(t.Context())
	old := &hindsight.Upload{Filename: "old.png", Data: []byte("\x89PNG\r\n\x1a\nold")}
	if err := svc.AddUpload(ctx, old); err != nil {
		t.Fatal(err)
	}
	svc.Now = func() time.Time { return start.Add(25 * time.Hour) }
	fresh := &hindsight.Upload{Filename: "new.png", Data: []byte("\x89PNG\r\n\x1a\nnew")}
	if err := svc.AddUpload(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	loop, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		housekeeping.Run(loop, svc, "test", 10*time.Millisecond, housekeeping.Jobs(svc, 24*time.Hour))
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for _, err := svc.Upload(ctx, old.ID); !errors.Is(err, hindsight.ErrNotFound); _, err = svc.Upload(ctx, old.ID) {
		if time.Now().After(deadline) {
			t.Fatalf("the abandoned upload was not purged: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	<-done
	if _, err := svc.Upload(ctx, fresh.ID); err != nil {
		t.Errorf("a recent upload was purged: %v", err)
	}
}
