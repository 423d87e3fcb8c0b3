package storetest

import (
	"bytes"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"hindsight"
)

// visible counts where a post-mortem shows up: lists, search, the
// countermeasure tracker and the facts insights and feeds use.
func visible(t *testing.T, s hindsight.Store, id, query string) (list, search, cms, facts int) {
	t.Helper()
	count := func(items []string) int {
		n := 0
		for _, x := range items {
			if x == id {
				n++
			}
		}
		return n
	}
	var ids []string
	page, err := s.List(ctx(t), hindsight.ListFilter{Audience: hindsight.Audience{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range page.Items {
		ids = append(ids, it.ID)
	}
	list, ids = count(ids), nil
	if page, err = s.List(ctx(t), hindsight.ListFilter{Q: query, Audience: hindsight.Audience{All: true}}); err != nil {
		t.Fatal(err)
	}
	for _, it := range page.Items {
		ids = append(ids, it.ID)
	}
	search, ids = count(ids), nil
	cm, err := s.ListCountermeasures(ctx(t), hindsight.CountermeasureFilter{Audience: hindsight.Audience{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range cm.Items {
		ids = append(ids, it.PostMortemID)
	}
	cms, ids = count(ids), nil
	fs, err := s.IncidentFacts(ctx(t), hindsight.FactsFilter{Audience: hindsight.Audience{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	return list, search, cms, count(ids)
}

func testTrash(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := create(t, s, Full())
	keep := create(t, s, Minimal("Unrelated gateway outage"))
	img := &hindsight.Attachment{PostMortemID: p.ID, Filename: "graph.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nfake")}
	if err := s.PutAttachment(ctx(t), img); err != nil {
		t.Fatal(err)
	}
	c.add(time.Hour)
	edit(t, s, p, "Amara Okafor", "", hindsight.Change{Fields: []string{"title"}}, func(p *hindsight.PostMortem) { p.Title += " (reviewed)" })
	before, _ := s.Get(ctx(t), p.ID)
	if l, q, cm, f := visible(t, s, p.ID, "gateway"); l != 1 || q != 1 || cm != 2 || f != 1 {
		t.Fatalf("before deleting: list %d search %d countermeasures %d facts %d", l, q, cm, f)
	}

	c.add(time.Hour)
	del := hindsight.Deletion{At: c.now(), By: "Ada Admin", ByID: "u-ada"}
	err := s.Delete(ctx(t), p.ID, 1, del)
	var conflict *hindsight.ConflictError
	if !errors.As(err, &conflict) || conflict.CurrentVersion != 2 {
		t.Fatalf("delete of a stale version = %v, want a conflict at version 2", err)
	}
	if _, err := s.Get(ctx(t), p.ID); err != nil {
		t.Fatalf("a refused delete removed the post-mortem: %v", err)
	}
	if err := s.Delete(ctx(t), p.ID, 2, del); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx(t), p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Get of a trashed post-mortem = %v", err)
	}
	if _, err := s.Head(ctx(t), p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Head of a trashed post-mortem = %v", err)
	}
	if _, err := s.GetAttachment(ctx(t), p.ID, img.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("image of a trashed post-mortem served: %v", err)
	}
	if l, q, cm, f := visible(t, s, p.ID, "gateway"); l+q+cm+f != 0 {
		t.Fatalf("trashed, yet listed %d, found %d, tracked %d, counted %d", l, q, cm, f)
	}
	if l, q, _, _ := visible(t, s, keep.ID, "gateway"); l != 1 || q != 1 {
		t.Fatalf("the other post-mortem went too: %d %d", l, q)
	}
	if err := s.Delete(ctx(t), p.ID, 2, del); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("deleting twice = %v", err)
	}
	item, err := s.GetTrashed(ctx(t), p.ID)
	want := hindsight.TrashItem{ID: p.ID, Title: before.Title, Severity: "SEV2", Version: 2, AuthorID: before.AuthorID,
		DeletedAt: del.At, DeletedBy: "Ada Admin", DeletedByID: "u-ada"}
	if err != nil || item != want {
		t.Fatalf("GetTrashed = %+v, %v\nwant %+v", item, err, want)
	}
	if page, err := s.Revisions(ctx(t), p.ID, hindsight.RevisionFilter{}); err != nil || len(page.Items) != 2 {
		t.Fatalf("history in the trash: %+v %v", page, err)
	}
	taken := Minimal("Takes the id")
	prepare(t, taken)
	taken.ID = p.ID
	if err := s.Create(ctx(t), taken); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("a new post-mortem took the id of a trashed one: %v", err)
	}

	if err := s.RestoreFromTrash(ctx(t), p.ID); err != nil {
		t.Fatal(err)
	}
	after, err := s.Get(ctx(t), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameDocument(t, before, after)
	if h, err := s.Head(ctx(t), p.ID); err != nil || h.Version != 2 {
		t.Fatalf("Head after restore = %+v %v", h, err)
	}
	if got, err := s.GetAttachment(ctx(t), p.ID, img.ID); err != nil || !bytes.Equal(got.Data, img.Data) {
		t.Fatalf("image after restore: %v", err)
	}
	if l, q, cm, f := visible(t, s, p.ID, "gateway"); l != 1 || q != 1 || cm != 2 || f != 1 {
		t.Fatalf("after restore: list %d search %d countermeasures %d facts %d", l, q, cm, f)
	}
	if old, err := s.GetVersion(ctx(t), p.ID, 1); err != nil || old.Title != Full().Title {
		t.Fatalf("version 1 after restore: %v", err)
	}
	if err := s.RestoreFromTrash(ctx(t), p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("restoring twice = %v", err)
	}
	if page, _ := s.ListTrash(ctx(t), hindsight.TrashFilter{}); len(page.Items) != 0 {
		t.Fatalf("trash after restore: %+v", page.Items)
	}
	c.add(time.Hour)
	edit(t, s, p, "Amara Okafor", "", hindsight.Change{}, func(p *hindsight.PostMortem) { p.Summary = "edited after restore" })
	if p.Version != 3 {
		t.Fatalf("version after restore and edit = %d", p.Version)
	}
}

func testTrashList(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	var mine []string
	for i := range 5 {
		p := Minimal("Trashed")
		prepare(t, p)
		p.AuthorID = "u-other"
		if i%2 == 0 {
			p.AuthorID = "u-me"
		}
		if err := s.Create(ctx(t), p); err != nil {
			t.Fatal(err)
		}
		c.add(time.Minute)
		if err := s.Delete(ctx(t), p.ID, 1, hindsight.Deletion{At: c.now(), By: "x"}); err != nil {
			t.Fatal(err)
		}
		if p.AuthorID == "u-me" {
			mine = append([]string{p.ID}, mine...)
		}
	}
	var got []string
	f := hindsight.TrashFilter{AuthorID: "u-me", Limit: 2}
	for range 3 {
		page, err := s.ListTrash(ctx(t), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			got = append(got, it.ID)
		}
		if f.Cursor = page.NextCursor; f.Cursor == "" {
			break
		}
	}
	if !slices.Equal(got, mine) {
		t.Fatalf("my trash, newest first, paged: %v, want %v", got, mine)
	}
	all, err := s.ListTrash(ctx(t), hindsight.TrashFilter{})
	if err != nil || len(all.Items) != 5 {
		t.Fatalf("whole trash: %d %v", len(all.Items), err)
	}
	if _, err := s.ListTrash(ctx(t), hindsight.TrashFilter{Limit: -1}); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("bad limit = %v", err)
	}
}

// trashAt creates a post-mortem with an image and two versions and moves
// it to the trash at the clock's time.
func trashAt(t *testing.T, s hindsight.Store, c *clock, title string) (*hindsight.PostMortem, *hindsight.Attachment) {
	t.Helper()
	p := create(t, s, Minimal(title))
	img := &hindsight.Attachment{PostMortemID: p.ID, Filename: "a.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nx")}
	if err := s.PutAttachment(ctx(t), img); err != nil {
		t.Fatal(err)
	}
	edit(t, s, p, "Mei", "", hindsight.Change{}, func(p *hindsight.PostMortem) { p.Summary = "second" })
	if err := s.Delete(ctx(t), p.ID, p.Version, hindsight.Deletion{At: c.now(), By: "Mei"}); err != nil {
		t.Fatal(err)
	}
	return p, img
}

func testPurge(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	old, oldImg := trashAt(t, s, c, "Old")
	c.add(days(10))
	recent, _ := trashAt(t, s, c, "Recent")
	byHand, _ := trashAt(t, s, c, "By hand")
	template := hindsight.AuditEvent{At: c.now(), Actor: "Hindsight (scheduled)", Action: "postmortem.purged", Detail: "in the trash longer than 30 days"}

	gone, err := s.PurgeTrash(ctx(t), hindsight.PurgeFilter{DeletedBefore: c.now().Add(-days(5))}, template)
	if err != nil || len(gone) != 1 || gone[0].ID != old.ID || gone[0].Title != "Old" {
		t.Fatalf("purge of what was deleted before 5 days ago = %+v, %v", gone, err)
	}
	if _, err := s.GetTrashed(ctx(t), old.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("purged, yet in the trash: %v", err)
	}
	if _, err := s.Revisions(ctx(t), old.ID, hindsight.RevisionFilter{}); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("purged, yet its history is kept: %v", err)
	}
	if err := s.RestoreFromTrash(ctx(t), old.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("restore of a purged post-mortem = %v", err)
	}
	// Its id is free again, and nothing of the old one comes with it.
	again := Minimal("Reuses the id")
	prepare(t, again)
	again.ID = old.ID
	if err := s.Create(ctx(t), again); err != nil {
		t.Fatalf("the id of a purged post-mortem stays taken: %v", err)
	}
	if _, err := s.GetAttachment(ctx(t), old.ID, oldImg.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("a purged image came back: %v", err)
	}
	if page, err := s.Revisions(ctx(t), old.ID, hindsight.RevisionFilter{}); err != nil || len(page.Items) != 1 {
		t.Fatalf("history of the new post-mortem: %+v %v", page, err)
	}

	gone, err = s.PurgeTrash(ctx(t), hindsight.PurgeFilter{ID: byHand.ID}, template)
	if err != nil || len(gone) != 1 || gone[0].ID != byHand.ID {
		t.Fatalf("purge by id = %+v %v", gone, err)
	}
	if gone, err = s.PurgeTrash(ctx(t), hindsight.PurgeFilter{ID: byHand.ID}, template); err != nil || len(gone) != 0 {
		t.Fatalf("purging again = %+v %v", gone, err)
	}
	if _, err := s.GetTrashed(ctx(t), recent.ID); err != nil {
		t.Fatalf("a recent one was purged: %v", err)
	}
	log, err := s.ListAudit(ctx(t), hindsight.AuditFilter{Action: "postmortem.purged"})
	if err != nil || len(log.Items) != 2 {
		t.Fatalf("purges logged: %+v %v", log.Items, err)
	}
	targets := []string{log.Items[0].Target, log.Items[1].Target}
	slices.Sort(targets)
	want := []string{old.ID, byHand.ID}
	slices.Sort(want)
	if !slices.Equal(targets, want) || log.Items[0].ID == log.Items[1].ID || log.Items[0].Actor != "Hindsight (scheduled)" {
		t.Fatalf("purge audit events: %+v", log.Items)
	}
}

// testPurgeConcurrently runs the purge of two instances at once: every
// post-mortem is purged and logged exactly once.
func testPurgeConcurrently(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	const n = 6
	for range n {
		trashAt(t, s, c, "Expired")
	}
	c.add(days(40))
	template := hindsight.AuditEvent{At: c.now(), Action: "postmortem.purged"}
	var wg sync.WaitGroup
	counts := make([]int, 3)
	errs := make([]error, 3)
	for i := range counts {
		wg.Go(func() {
			gone, err := s.PurgeTrash(ctx(t), hindsight.PurgeFilter{DeletedBefore: c.now().Add(-days(30))}, template)
			counts[i], errs[i] = len(gone), err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if total := counts[0] + counts[1] + counts[2]; total != n {
		t.Fatalf("purged %v, %d in all; want %d once each", counts, total, n)
	}
	log, err := s.ListAudit(ctx(t), hindsight.AuditFilter{Action: "postmortem.purged"})
	if err != nil || len(log.Items) != n {
		t.Fatalf("%d purges logged, want %d: %v", len(log.Items), n, err)
	}
}

// testUpdateDeleteRace sends an update and a delete of the same version at
// once, many times: never may both succeed, or an acknowledged update
// would be deleted by a client that never saw it.
func testUpdateDeleteRace(t *testing.T, open opener) {
	s := open(t, newClock().now)
	for round := range 50 {
		p := create(t, s, Minimal("Raced"))
		var wg sync.WaitGroup
		var updateErr, deleteErr error
		wg.Go(func() {
			u := *p
			u.Summary = "acknowledged update"
			updateErr = s.Update(ctx(t), &u, hindsight.Change{})
		})
		wg.Go(func() { deleteErr = s.Delete(ctx(t), p.ID, 1, hindsight.Deletion{At: time.Now()}) })
		wg.Wait()
		if updateErr == nil && deleteErr == nil {
			t.Fatalf("round %d: the update and the delete of version 1 both succeeded", round)
		}
		for _, err := range []error{updateErr, deleteErr} {
			if err != nil && !errors.Is(err, hindsight.ErrConflict) && !errors.Is(err, hindsight.ErrNotFound) {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if updateErr == nil {
			if got, err := s.Get(ctx(t), p.ID); err != nil || got.Summary != "acknowledged update" {
				t.Fatalf("round %d: the acknowledged update is gone: %v", round, err)
			}
		}
	}
}
