package storetest

import (
	"errors"
	"testing"

	"hindsight"
)

// testPublicSummaries checks public summaries: kept and replaced, seen
// publicly only once published and only while their post-mortem is not
// restricted, newest first.
func testPublicSummaries(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	a := create(t, s, Minimal("A"))
	b := create(t, s, Minimal("B", func(p *hindsight.PostMortem) { p.Access = hindsight.Access{Restricted: true} }))
	d := create(t, s, Minimal("Draft"))
	if _, err := s.PublicSummary(ctx(t), a.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("none written: %v", err)
	}
	save := func(pm *hindsight.PostMortem, publicID string, published bool) hindsight.PublicSummary {
		t.Helper()
		ps := hindsight.PublicSummary{PostMortemID: pm.ID, PublicID: publicID, Title: "T " + pm.Title, CustomerImpact: "I", Timeline: "L", Actions: "W",
			UpdatedAt: c.now(), UpdatedBy: "Mei"}
		if published {
			now := c.now()
			ps.PublishedAt = &now
		}
		if err := s.SavePublicSummary(ctx(t), ps); err != nil {
			t.Fatal(err)
		}
		c.add(days(1))
		return ps
	}
	save(a, "pa", false)
	want := save(a, "ignored", true)
	want.PublicID = "pa"
	save(b, "pb", true)
	save(d, "pd", false)
	if got, err := s.PublicSummary(ctx(t), a.ID); err != nil || *got.PublishedAt != *want.PublishedAt || got.PublicID != "pa" || got.Title != want.Title || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Fatalf("read back: %+v %v", got, err)
	}
	if got, err := s.PublishedPublicSummary(ctx(t), "pa"); err != nil || got.PostMortemID != a.ID {
		t.Fatalf("published: %+v %v", got, err)
	}
	for _, id := range []string{"pb", "pd", "nope"} {
		if _, err := s.PublishedPublicSummary(ctx(t), id); !errors.Is(err, hindsight.ErrNotFound) {
			t.Fatalf("%s is public: %v", id, err)
		}
	}
	if all, err := s.PublishedPublicSummaries(ctx(t), 10); err != nil || len(all) != 1 || all[0].PublicID != "pa" {
		t.Fatalf("published list: %+v %v", all, err)
	}
}
