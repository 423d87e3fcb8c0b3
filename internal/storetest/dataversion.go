package storetest

import (
	"testing"

	"hindsight"
)

// testDataVersion checks that the data version moves on with every kind
// of change to a post-mortem and stays put while nothing changes, so no
// cached list outlives a change.
func testDataVersion(t *testing.T, open opener) {
	s := open(t, newClock().now)
	last := dataVersion(t, s)
	step := func(what string, change func()) {
		t.Helper()
		change()
		v := dataVersion(t, s)
		if v == last {
			t.Errorf("the data version stayed %d after %s", v, what)
		}
		last = v
	}
	var p *hindsight.PostMortem
	step("a create", func() { p = create(t, s, Minimal("Versioned")) })
	if _, err := s.Get(ctx(t), p.ID); err != nil {
		t.Fatal(err)
	}
	list(t, s, hindsight.ListFilter{Audience: hindsight.Audience{All: true}})
	if v := dataVersion(t, s); v != last {
		t.Errorf("reading moved the data version from %d to %d", last, v)
	}
	step("an update", func() {
		if err := s.Update(ctx(t), p, hindsight.Change{}); err != nil {
			t.Fatal(err)
		}
	})
	step("a delete", func() {
		if err := s.Delete(ctx(t), p.ID, p.Version, hindsight.Deletion{At: p.UpdatedAt, By: "x"}); err != nil {
			t.Fatal(err)
		}
	})
	step("a restore", func() {
		if err := s.RestoreFromTrash(ctx(t), p.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func dataVersion(t *testing.T, s hindsight.Store) int64 {
	t.Helper()
	v, err := s.DataVersion(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
