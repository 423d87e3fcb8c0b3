package hindsight_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"hindsight"
)

// TestHistory checks what every save keeps through the service: who and
// when from the signed-in user, the fields changed, the writer's note,
// countermeasure status changes on the countermeasure itself, and
// restoring as a new version through the version guard.
func TestHistory(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	svc.Now = func() time.Time { return now }
	priya, jonas := as(t, svc, "Priya Raman", hindsight.Editor), as(t, svc, "Jonas Weber", hindsight.Editor)
	viewer, outsider := as(t, svc, "Vic Viewer", hindsight.Viewer), as(t, svc, "Out Sider", hindsight.Editor)

	p := &hindsight.PostMortem{Title: "Queue backlog", Summary: "Workers stalled.", ChangeNote: "first draft",
		Countermeasures: []hindsight.Countermeasure{{Title: "Alert on lag", Owner: "Jonas Weber", Status: hindsight.CMInProgress}}}
	if err := svc.Create(priya, p); err != nil {
		t.Fatal(err)
	}
	if p.ChangeNote != "" || p.Countermeasures[0].StatusChanges[0].By != "Priya Raman" || p.Countermeasures[0].StatusChanges[0].To != hindsight.CMInProgress {
		t.Fatalf("after create: note %q, status changes %+v", p.ChangeNote, p.Countermeasures[0].StatusChanges)
	}
	now = now.Add(time.Hour)
	e := *p
	e.Title, e.Summary, e.ChangeNote = "Queue backlog in billing", "Workers stalled on a lock.", "  named the service  "
	e.Countermeasures = slices.Clone(p.Countermeasures)
	e.Countermeasures[0].StatusChanges = []hindsight.StatusChange{{By: "Forged", To: hindsight.CMDone}}
	if err := svc.Update(jonas, &e); err != nil {
		t.Fatal(err)
	}
	if sc := e.Countermeasures[0].StatusChanges; len(sc) != 1 || sc[0].By != "Priya Raman" {
		t.Fatalf("a client's status changes were kept: %+v", sc)
	}
	bad := e
	bad.ChangeNote = "two\nlines"
	if err := svc.Update(jonas, &bad); !errors.Is(err, hindsight.ErrInvalid) || !hasField(err, "change_note") {
		t.Fatalf("a two-line note = %v, want change_note invalid", err)
	}
	now = now.Add(time.Hour)
	done, err := svc.SetCountermeasureStatus(jonas, p.ID, e.Version, e.Countermeasures[0].ID, hindsight.CMDone)
	if err != nil {
		t.Fatal(err)
	}
	by := done.Countermeasures[0].DoneBy()
	if by == nil || by.By != "Jonas Weber" || !by.At.Equal(now) || by.From != hindsight.CMInProgress || by.ByID == "" {
		t.Fatalf("who moved it to done: %+v", by)
	}

	page, err := svc.Versions(viewer, p.ID, hindsight.RevisionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 3 || !page.Items[0].Current || page.Items[1].Current {
		t.Fatalf("versions %+v", page.Items)
	}
	r3, r2, r1 := page.Items[0], page.Items[1], page.Items[2]
	if r1.Note != "first draft" || r1.SavedBy != "Priya Raman" || len(r1.Changes) != 0 {
		t.Errorf("version 1: %+v", r1)
	}
	if r2.Note != "named the service" || r2.SavedBy != "Jonas Weber" || !slices.Equal(r2.Changes, []string{"title", "summary"}) {
		t.Errorf("version 2: %+v", r2)
	}
	if !slices.Equal(r3.Changes, []string{"countermeasures"}) || !r3.SavedAt.Equal(now) {
		t.Errorf("version 3: %+v", r3)
	}
	v1, err := svc.Version(viewer, p.ID, 1)
	if err != nil || v1.Title != "Queue backlog" || v1.Version != 1 {
		t.Fatalf("version 1 = %+v %v", v1, err)
	}

	// Restoring: an edit, so guarded and for editors only.
	if _, err := svc.Restore(viewer, p.ID, 1, 3, ""); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a viewer restored: %v", err)
	}
	if _, err := svc.Restore(jonas, p.ID, 1, 2, ""); !errors.Is(err, hindsight.ErrConflict) {
		t.Fatalf("restore from a stale version = %v", err)
	}
	if _, err := svc.Restore(jonas, p.ID, 9, 3, ""); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("restore of a missing version = %v", err)
	}
	now = now.Add(time.Hour)
	restored, err := svc.Restore(jonas, p.ID, 1, 3, "the rename was wrong")
	if err != nil {
		t.Fatal(err)
	}
	c := restored.Countermeasures[0]
	if restored.Version != 4 || restored.Title != "Queue backlog" || c.Status != hindsight.CMInProgress || len(c.StatusChanges) != 3 || c.StatusChanges[2].From != hindsight.CMDone {
		t.Fatalf("restored: v%d %q, countermeasure %s %+v", restored.Version, restored.Title, c.Status, c.StatusChanges)
	}
	page, _ = svc.Versions(viewer, p.ID, hindsight.RevisionFilter{})
	if r := page.Items[0]; r.Version != 4 || r.RestoredFrom != 1 || r.Note != "the rename was wrong" || r.SavedBy != "Jonas Weber" {
		t.Fatalf("restore's revision: %+v", r)
	}
	if old, _ := svc.Version(viewer, p.ID, 3); old.Title != "Queue backlog in billing" {
		t.Fatalf("history rewritten: version 3 is %q", old.Title)
	}

	// A restricted post-mortem's history is as restricted as it is, and
	// restoring older content never lifts the restriction.
	cur, _ := svc.Get(priya, p.ID)
	cur.Access = hindsight.Access{Restricted: true}
	if err := svc.Update(priya, cur); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Versions(outsider, p.ID, hindsight.RevisionFilter{}); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("history of a restricted post-mortem shown to an outsider: %v", err)
	}
	if _, _, err := svc.Compare(outsider, p.ID, 1, 2); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("compare shown to an outsider: %v", err)
	}
	back, err := svc.Restore(priya, p.ID, 2, cur.Version, "")
	if err != nil || !back.Access.Restricted {
		t.Fatalf("restore lifted the restriction: %+v %v", back.Access, err)
	}
}

func hasField(err error, field string) bool {
	var v *hindsight.ValidationError
	return errors.As(err, &v) && slices.ContainsFunc(v.Fields, func(f hindsight.FieldError) bool { return f.Field == field })
}

// TestChangedFields names the fields a save changed, ignoring the
// server's stamps and empty lists against missing ones.
func TestChangedFields(t *testing.T) {
	a := &hindsight.PostMortem{Title: "x", Tags: []string{}, Version: 1}
	b := &hindsight.PostMortem{Title: "y", Version: 2, UpdatedBy: "z", Events: []hindsight.Event{{Text: "e"}}}
	if got := hindsight.ChangedFields(a, b); !slices.Equal(got, []string{"title", "events"}) {
		t.Fatalf("ChangedFields = %v", got)
	}
	if got := hindsight.ChangedFields(a, a); len(got) != 0 {
		t.Fatalf("no change = %v", got)
	}
}
