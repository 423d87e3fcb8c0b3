package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"hindsight"
)

// edit saves a change to p through Update as the named user, with a note
// and the fields changed.
func edit(t *testing.T, s hindsight.Store, p *hindsight.PostMortem, who, note string, change hindsight.Change, fn func(*hindsight.PostMortem)) {
	t.Helper()
	fn(p)
	prepare(t, p)
	p.ChangeNote = note
	if err := s.Update(asUser(ctx(t), who), p, change); err != nil {
		t.Fatalf("edit to %q: %v", note, err)
	}
}

func testHistory(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := create(t, s, Full())
	v1, _ := s.Get(ctx(t), p.ID)
	c.add(time.Hour)
	edit(t, s, p, "Amara Okafor", "renamed after the review", hindsight.Change{Fields: []string{"title"}}, func(p *hindsight.PostMortem) { p.Title = "Pool exhaustion in checkout" })
	if p.ChangeNote != "renamed after the review" {
		t.Fatalf("Update changed the caller's note: %q", p.ChangeNote)
	}
	v2, _ := s.Get(ctx(t), p.ID)
	if v2.ChangeNote != "" {
		t.Fatalf("the change note was stored in the document: %q", v2.ChangeNote)
	}
	c.add(time.Hour)
	edit(t, s, p, "Jonas Weber", "", hindsight.Change{Fields: []string{"events"}, RestoredFrom: 1}, func(p *hindsight.PostMortem) { p.Events = p.Events[:1] })

	page, err := s.Revisions(ctx(t), p.ID, hindsight.RevisionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var versions []int64
	for _, r := range page.Items {
		versions = append(versions, r.Version)
	}
	if !slices.Equal(versions, []int64{3, 2, 1}) || page.NextCursor != "" {
		t.Fatalf("revisions %v (next %q), want 3, 2, 1 newest first", versions, page.NextCursor)
	}
	r3, r2, r1 := page.Items[0], page.Items[1], page.Items[2]
	if r2.Note != "renamed after the review" || !slices.Equal(r2.Changes, []string{"title"}) || r2.SavedBy != "Amara Okafor" || r2.SavedByID == "" || !r2.SavedAt.Equal(v2.UpdatedAt) {
		t.Errorf("revision 2 = %+v", r2)
	}
	if r3.RestoredFrom != 1 || r3.Note != "" || r3.SavedBy != "Jonas Weber" || !slices.Equal(r3.Changes, []string{"events"}) {
		t.Errorf("revision 3 = %+v", r3)
	}
	if r1.RestoredFrom != 0 || len(r1.Changes) != 0 || !r1.SavedAt.Equal(v1.CreatedAt) || r1.SavedAt.Location() != time.UTC {
		t.Errorf("revision 1 = %+v", r1)
	}
	for _, want := range []*hindsight.PostMortem{v1, v2} {
		got, err := s.GetVersion(ctx(t), p.ID, want.Version)
		if err != nil {
			t.Fatal(err)
		}
		sameDocument(t, want, got)
	}
	current, err := s.GetVersion(ctx(t), p.ID, 3)
	if err != nil || current.Title != "Pool exhaustion in checkout" || len(current.Events) != 1 {
		t.Fatalf("current version through GetVersion: %+v %v", current, err)
	}
	for _, n := range []int64{0, 4} {
		if _, err := s.GetVersion(ctx(t), p.ID, n); !errors.Is(err, hindsight.ErrNotFound) {
			t.Errorf("GetVersion %d = %v, want ErrNotFound", n, err)
		}
	}
	if _, err := s.Revisions(ctx(t), "no-such-id", hindsight.RevisionFilter{}); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("history of a missing post-mortem = %v, want ErrNotFound", err)
	}
	// A stale update keeps nothing in the history.
	stale := *v1
	stale.Title = "stale"
	if err := s.Update(ctx(t), &stale, hindsight.Change{}); !errors.Is(err, hindsight.ErrConflict) {
		t.Fatal(err)
	}
	if page, _ := s.Revisions(ctx(t), p.ID, hindsight.RevisionFilter{}); len(page.Items) != 3 {
		t.Fatalf("a refused update left a revision: %d", len(page.Items))
	}
}

func testHistoryPaging(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := create(t, s, Minimal("Edited often"))
	for i := range 6 {
		c.add(time.Minute)
		edit(t, s, p, "Mei", "", hindsight.Change{}, func(p *hindsight.PostMortem) { p.Summary = string(rune('a' + i)) })
	}
	var got []int64
	f := hindsight.RevisionFilter{Limit: 3}
	for range 4 {
		page, err := s.Revisions(ctx(t), p.ID, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			got = append(got, r.Version)
		}
		if f.Cursor = page.NextCursor; f.Cursor == "" {
			break
		}
	}
	if !slices.Equal(got, []int64{7, 6, 5, 4, 3, 2, 1}) {
		t.Fatalf("paged history %v", got)
	}
	if _, err := s.Revisions(ctx(t), p.ID, hindsight.RevisionFilter{Cursor: "not-a-cursor"}); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("bad cursor = %v", err)
	}
	old, err := s.GetVersion(ctx(t), p.ID, 4)
	if err != nil || old.Summary != "c" || old.Version != 4 {
		t.Fatalf("version 4 = %+v %v", old, err)
	}
}
