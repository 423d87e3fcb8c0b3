package hindsight_test

import (
	"errors"
	"testing"
	"time"

	"hindsight"
)

// TestTrash checks who may see, restore and purge what is in the trash,
// the version guard on deleting, the retention the policy sets, and that
// each step is in the audit log.
func TestTrash(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	svc.Now = func() time.Time { return now }
	svc.Policy.TrashRetention = 7 * 24 * time.Hour
	author, other, admin := as(t, svc, "Ana Author", hindsight.Editor), as(t, svc, "Oto Other", hindsight.Editor), as(t, svc, "Ada Admin", hindsight.Admin)
	p := &hindsight.PostMortem{Title: "Cache stampede"}
	if err := svc.Create(author, p); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(other, p.ID, 1); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("another editor deleted it: %v", err)
	}
	edited := *p
	edited.Summary = "edited"
	if err := svc.Update(other, &edited); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(author, p.ID, 1); !errors.Is(err, hindsight.ErrConflict) {
		t.Fatalf("deleting a version that is no longer current = %v", err)
	}
	if err := svc.Delete(author, p.ID, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Get(author, p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Get of a trashed post-mortem = %v", err)
	}
	mine, err := svc.Trash(author, hindsight.TrashFilter{})
	if err != nil || len(mine.Items) != 1 || mine.Items[0].DeletedBy != "Ana Author" || !mine.Items[0].PurgeAt.Equal(now.Add(7*24*time.Hour)) {
		t.Fatalf("the author's trash: %+v %v", mine.Items, err)
	}
	if all, _ := svc.Trash(admin, hindsight.TrashFilter{AuthorID: "ignored"}); len(all.Items) != 1 {
		t.Fatalf("the admin's trash: %+v", all.Items)
	}
	if theirs, _ := svc.Trash(other, hindsight.TrashFilter{}); len(theirs.Items) != 0 {
		t.Fatalf("another editor sees the author's trash: %+v", theirs.Items)
	}
	if err := svc.RestoreFromTrash(other, p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("another editor restored it: %v", err)
	}
	if err := svc.RestoreFromTrash(author, p.ID); err != nil {
		t.Fatal(err)
	}
	back, err := svc.Get(other, p.ID)
	if err != nil || back.Summary != "edited" || back.Version != 2 {
		t.Fatalf("restored: %+v %v", back, err)
	}

	if err := svc.Delete(admin, p.ID, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PurgeExpired(other); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("an editor purged: %v", err)
	}
	now = now.Add(6 * 24 * time.Hour)
	if gone, err := svc.PurgeExpired(hindsight.Housekeeping(t.Context())); err != nil || len(gone) != 0 {
		t.Fatalf("purged before the retention passed: %+v %v", gone, err)
	}
	now = now.Add(2 * 24 * time.Hour)
	gone, err := svc.PurgeExpired(hindsight.Housekeeping(t.Context()))
	if err != nil || len(gone) != 1 || gone[0].ID != p.ID {
		t.Fatalf("purge after the retention: %+v %v", gone, err)
	}
	if err := svc.RestoreFromTrash(admin, p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("restore after purge = %v", err)
	}
	if err := svc.Purge(admin, p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("purging a purged one = %v", err)
	}

	q := &hindsight.PostMortem{Title: "Purged by hand"}
	if err := svc.Create(author, q); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(author, q.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := svc.Purge(author, q.ID); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("the author purged by hand: %v", err)
	}
	if err := svc.Purge(admin, q.ID); err != nil {
		t.Fatal(err)
	}

	log, err := svc.Audit(admin, hindsight.AuditFilter{Action: "postmortem."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range log.Items {
		got = append(got, e.Action+" by "+e.Actor)
	}
	want := []string{"postmortem.purged by Ada Admin", "postmortem.deleted by Ana Author", "postmortem.purged by Hindsight (scheduled)",
		"postmortem.deleted by Ada Admin", "postmortem.restored by Ana Author", "postmortem.deleted by Ana Author"}
	if len(got) != len(want) {
		t.Fatalf("audit log %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("audit log %v, want %v", got, want)
		}
	}
}
