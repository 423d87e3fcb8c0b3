package storetest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"hindsight"
)

// testReads checks read receipts: each reader is recorded once, at the
// first reading, with their account's name; a reader's list and the
// publications with their reads come back alike on both engines.
func testReads(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	u := newUser("mei@example.com", hindsight.Viewer, c)
	if err := s.CreateUser(ctx(t), u, hindsight.Credentials{}); err != nil {
		t.Fatal(err)
	}
	a, b := create(t, s, Minimal("A")), create(t, s, Minimal("B"))
	first := c.now()
	for range 3 {
		if err := s.RecordRead(ctx(t), a.ID, u.ID, c.now()); err != nil {
			t.Fatal(err)
		}
		c.add(time.Hour)
	}
	if err := s.RecordRead(ctx(t), a.ID, "someone-gone", c.now()); err != nil {
		t.Fatal(err)
	}
	rs, err := s.Readers(ctx(t), a.ID)
	if err != nil || len(rs) != 2 || rs[0].UserID != u.ID || !rs[0].At.Equal(first) || rs[0].Name != u.Name || rs[0].Email != u.Email ||
		rs[1].UserID != "someone-gone" || rs[1].Name != "" {
		t.Fatalf("readers: %+v %v", rs, err)
	}
	if rs, err := s.Readers(ctx(t), b.ID); err != nil || len(rs) != 0 {
		t.Fatalf("readers of an unread one: %+v %v", rs, err)
	}
	mine, err := s.ReadByUser(ctx(t), u.ID)
	if err != nil || len(mine) != 1 || !mine[a.ID].Equal(first) {
		t.Fatalf("read by user: %+v %v", mine, err)
	}
	for _, p := range []*hindsight.PostMortem{a, b} {
		pub := hindsight.Publication{PostMortemID: p.ID, FirstPublishedAt: first, PublishedAt: first, Version: 1, By: "Mei"}
		if err := s.InTx(ctx(t), func(ctx context.Context, tx *sql.Tx) error { return s.SavePublicationTx(ctx, tx, pub) }); err != nil {
			t.Fatal(err)
		}
	}
	prs, err := s.PublishedReads(ctx(t))
	if err != nil || len(prs) != 3 {
		t.Fatalf("published reads: %+v %v", prs, err)
	}
	var unread, withReads int
	for _, r := range prs {
		switch {
		case r.PostMortemID == b.ID && r.UserID == "" && r.ReadAt == nil:
			unread++
		case r.PostMortemID == a.ID && r.ReadAt != nil && r.FirstPublishedAt.Equal(first):
			withReads++
		}
	}
	if unread != 1 || withReads != 2 {
		t.Fatalf("published reads: %+v", prs)
	}
}
