package storetest

import (
	"context"
	"database/sql"
	"testing"

	"hindsight"
)

// testInvitations checks a meeting's invitations are replaced as a whole
// in a transaction and read back by address.
func testInvitations(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := create(t, s, Minimal("A"))
	save := func(invs ...hindsight.Invitation) {
		t.Helper()
		if err := s.InTx(ctx(t), func(ctx context.Context, tx *sql.Tx) error { return s.SaveInvitationsTx(ctx, tx, p.ID, invs) }); err != nil {
			t.Fatal(err)
		}
	}
	save(hindsight.Invitation{Email: "zed@example.com", Name: "Zed", At: c.now(), By: "mei@example.com"}, hindsight.Invitation{Email: "amy@example.com", At: c.now(), By: "mei@example.com"})
	got, err := s.Invitations(ctx(t), p.ID)
	if err != nil || len(got) != 2 || got[0].Email != "amy@example.com" || got[1].Name != "Zed" || !got[1].At.Equal(c.now()) || got[1].By != "mei@example.com" {
		t.Fatalf("invitations: %+v %v", got, err)
	}
	save(hindsight.Invitation{Email: "bo@example.com", At: c.now(), By: "mei@example.com"})
	if got, err := s.Invitations(ctx(t), p.ID); err != nil || len(got) != 1 || got[0].Email != "bo@example.com" {
		t.Fatalf("replaced: %+v %v", got, err)
	}
}
