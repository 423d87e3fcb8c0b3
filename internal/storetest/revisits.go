package storetest

import (
	"context"
	"database/sql"
	"testing"

	"hindsight"
)

// testRevisits checks revisits are kept with their answers, that the
// candidates are the post-mortems published now with their revisits
// counted, and that "on this day" finds incidents of the same month and
// day in earlier years only.
func testRevisits(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	pub := func(p *hindsight.PostMortem) *hindsight.PostMortem {
		p.Status = hindsight.StatusPublished
		create(t, s, p)
		x := hindsight.Publication{PostMortemID: p.ID, FirstPublishedAt: c.now(), PublishedAt: c.now(), Version: 1}
		if err := s.InTx(ctx(t), func(ctx context.Context, tx *sql.Tx) error { return s.SavePublicationTx(ctx, tx, x) }); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := pub(Minimal("A", startedAt("2024-06-01T09:00:00Z"), func(p *hindsight.PostMortem) { p.Severity, p.Team = "SEV1", "Payments" }))
	c.add(days(1))
	b := pub(Minimal("B", startedAt("2025-06-01T23:30:00Z"), func(p *hindsight.PostMortem) { p.Access = hindsight.Access{Restricted: true} }))
	create(t, s, Minimal("Same day this year", startedAt("2026-06-01T08:00:00Z")))
	create(t, s, Minimal("Other day", startedAt("2025-06-02T00:30:00Z")))
	create(t, s, Minimal("No start"))

	r := hindsight.Revisit{ID: hindsight.NewID(), PostMortemID: a.ID, Seq: 0, Due: hindsight.Date{Year: 2026, Month: 7, Day: 1}, ByID: "u1", By: "Mei",
		At: c.now(), Answer: hindsight.RevisitAnswers{CountermeasuresDone: "partly", StillEffective: "yes", Recurred: "no", Learned: "Pools", Notes: "n"}}
	if err := s.AddRevisit(ctx(t), r, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Revisits(ctx(t), a.ID)
	if err != nil || len(got) != 1 || got[0] != r {
		t.Fatalf("revisits: %+v %v", got, err)
	}
	cands, err := s.RevisitCandidates(ctx(t), c.now())
	if err != nil || len(cands) != 2 || cands[0].PostMortemID != a.ID || cands[0].Recorded != 1 || cands[0].Severity != "SEV1" || cands[0].Team != "Payments" ||
		cands[0].Title != "A" || cands[0].Restricted || !cands[1].Restricted || cands[1].Recorded != 0 {
		t.Fatalf("candidates: %+v %v", cands, err)
	}
	if cands, err := s.RevisitCandidates(ctx(t), c.now().Add(-days(1))); err != nil || len(cands) != 1 {
		t.Fatalf("candidates published by a day earlier: %+v %v", cands, err)
	}
	past, err := s.OnThisDay(ctx(t), hindsight.Date{Year: 2026, Month: 6, Day: 1}, 10)
	if err != nil || len(past) != 2 || past[0].PostMortemID != b.ID || !past[0].Restricted || past[1].PostMortemID != a.ID || !past[1].StartedAt.Equal(*a.Incident.StartedAt) {
		t.Fatalf("on this day: %+v %v", past, err)
	}
	if past, err := s.OnThisDay(ctx(t), hindsight.Date{Year: 2026, Month: 6, Day: 1}, 1); err != nil || len(past) != 1 {
		t.Fatalf("on this day, limited: %+v %v", past, err)
	}
}
