package storetest

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"hindsight"
)

// sameDocument fails unless got holds exactly the fields of want.
func sameDocument(t *testing.T, want, got *hindsight.PostMortem) {
	t.Helper()
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	if string(w) != string(g) {
		t.Fatalf("stored post-mortem differs\nwant %s\ngot  %s", w, g)
	}
}

func testRoundTrip(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := Full()
	create(t, s, p)
	if p.ID == "" || p.Version != 1 || !p.CreatedAt.Equal(c.t) || !p.UpdatedAt.Equal(c.t) {
		t.Fatalf("Create did not stamp id/version/times: %q v%d %v %v", p.ID, p.Version, p.CreatedAt, p.UpdatedAt)
	}
	got, err := s.Get(ctx(t), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameDocument(t, p, got)
	if got.Incident.StartedAt.Location() != time.UTC {
		t.Errorf("times must come back in UTC, got %v", got.Incident.StartedAt.Location())
	}
	if got.Events[3].At != nil {
		t.Errorf("an event without a time came back with %v", got.Events[3].At)
	}
}

func testGetMissing(t *testing.T, open opener) {
	s := open(t, newClock().now)
	if _, err := s.Get(ctx(t), "no-such-id"); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Get missing = %v, want ErrNotFound", err)
	}
	if _, err := s.Head(ctx(t), "no-such-id"); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Head missing = %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx(t), "no-such-id", 1, hindsight.Deletion{}); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Delete missing = %v, want ErrNotFound", err)
	}
}

func testUpdateBumpsVersion(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := create(t, s, Full())
	created := p.CreatedAt
	c.add(time.Hour)
	p.Title = "Renamed"
	p.Countermeasures = p.Countermeasures[1:]
	p.Tags = []string{"renamed"}
	prepare(t, p)
	if err := s.Update(asUser(ctx(t), "Amara Okafor"), p, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	if h, err := s.Head(ctx(t), p.ID); err != nil || h.Version != 2 {
		t.Fatalf("Head after update = %+v, %v; want version 2", h, err)
	}
	if p.Version != 2 || !p.UpdatedAt.Equal(c.t) || !p.CreatedAt.Equal(created) || p.UpdatedBy != "Amara Okafor" {
		t.Fatalf("after update: v%d updated %v created %v by %q", p.Version, p.UpdatedAt, p.CreatedAt, p.UpdatedBy)
	}
	got, err := s.Get(ctx(t), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameDocument(t, p, got)
	page, err := s.List(ctx(t), hindsight.ListFilter{Tag: "payments"})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("old tag still lists the post-mortem: %v %v", page.Items, err)
	}
	cms, err := s.ListCountermeasures(ctx(t), hindsight.CountermeasureFilter{})
	if err != nil || len(cms.Items) != 1 {
		t.Fatalf("removed countermeasure still listed: %d %v", len(cms.Items), err)
	}
}

func testStaleUpdate(t *testing.T, open opener) {
	s := open(t, newClock().now)
	p := create(t, s, Full())
	first := *p
	first.Title = "First editor"
	if err := s.Update(ctx(t), &first, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	second := *p
	second.Title = "Second editor"
	err := s.Update(ctx(t), &second, hindsight.Change{})
	var conflict *hindsight.ConflictError
	if !errors.As(err, &conflict) || !errors.Is(err, hindsight.ErrConflict) || conflict.CurrentVersion != 2 {
		t.Fatalf("stale update = %v, want a ConflictError at version 2", err)
	}
	got, _ := s.Get(ctx(t), p.ID)
	if got.Title != "First editor" || got.Version != 2 {
		t.Fatalf("stale update changed the stored post-mortem: %q v%d", got.Title, got.Version)
	}
}

func testConcurrentUpdates(t *testing.T, open opener) {
	s := open(t, newClock().now)
	p := create(t, s, Minimal("Concurrent"))
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			c := *p
			c.Summary = "writer"
			errs[i] = s.Update(ctx(t), &c, hindsight.Change{})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, hindsight.ErrConflict):
			t.Errorf("concurrent update failed with %v, want success or conflict", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d concurrent updates from version 1 succeeded, want exactly 1", won)
	}
}

func testUpdateMissing(t *testing.T, open opener) {
	s := open(t, newClock().now)
	p := Minimal("Ghost")
	prepare(t, p)
	p.ID, p.Version = "missing", 1
	if err := s.Update(ctx(t), p, hindsight.Change{}); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Update missing = %v, want ErrNotFound", err)
	}
}

func testCreateManyAllOrNothing(t *testing.T, open opener) {
	s := open(t, newClock().now)
	a, b := Minimal("A"), Minimal("B")
	prepare(t, a)
	prepare(t, b)
	a.ID, b.ID = "same-id", "same-id"
	if err := s.CreateMany(ctx(t), []*hindsight.PostMortem{a, b}); err == nil {
		t.Fatal("a batch with a repeated id was stored")
	}
	page, err := s.List(ctx(t), hindsight.ListFilter{})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("a failed batch left %d post-mortems (%v)", len(page.Items), err)
	}
	a.ID, b.ID = "", ""
	if err := s.CreateMany(ctx(t), []*hindsight.PostMortem{a, b}); err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || a.ID == b.ID || a.Version != 1 {
		t.Fatalf("CreateMany ids %q %q version %d", a.ID, b.ID, a.Version)
	}
}

func testDelete(t *testing.T, open opener) {
	s := open(t, newClock().now)
	p := create(t, s, Full())
	keep := create(t, s, Minimal("Unrelated gateway outage"))
	att := &hindsight.Attachment{PostMortemID: p.ID, Filename: "a.png", ContentType: "image/png", Data: []byte("png")}
	if err := s.PutAttachment(ctx(t), att); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx(t), p.ID, p.Version, hindsight.Deletion{At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx(t), p.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("Get after delete = %v", err)
	}
	if _, err := s.GetAttachment(ctx(t), p.ID, att.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("attachment survived delete: %v", err)
	}
	page, _ := s.List(ctx(t), hindsight.ListFilter{Q: "gateway"})
	if len(page.Items) != 1 || page.Items[0].ID != keep.ID {
		t.Fatalf("search after delete = %+v, want only the unrelated one", page.Items)
	}
	cms, _ := s.ListCountermeasures(ctx(t), hindsight.CountermeasureFilter{})
	if len(cms.Items) != 0 {
		t.Fatalf("countermeasures survived delete: %d", len(cms.Items))
	}
}
