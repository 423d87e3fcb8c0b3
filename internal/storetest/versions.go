package storetest

import (
	"context"
	"testing"
	"time"

	"hindsight"
)

// testDataVersion checks that the data version moves on with every kind
// of change to a post-mortem and stays put while nothing changes, so no
// cached list outlives a change. Each change is seen as soon as the write
// returns: the store that made it never serves an older version.
func testDataVersion(t *testing.T, open opener) {
	s := open(t, newClock().now)
	moves := versionSteps(t, s, func(v hindsight.Versions) int64 { return v.Data })
	var p *hindsight.PostMortem
	moves("a create", true, func() { p = create(t, s, Minimal("Versioned")) })
	moves("reading", false, func() {
		if _, err := s.Get(ctx(t), p.ID); err != nil {
			t.Fatal(err)
		}
		list(t, s, hindsight.ListFilter{Audience: hindsight.Audience{All: true}})
	})
	moves("an update", true, func() {
		if err := s.Update(ctx(t), p, hindsight.Change{}); err != nil {
			t.Fatal(err)
		}
	})
	moves("a recorded revisit", true, func() {
		r := hindsight.Revisit{ID: hindsight.NewID(), PostMortemID: p.ID, Due: hindsight.Date{Year: 2026, Month: 7, Day: 1}, By: "Mei", At: p.UpdatedAt}
		if err := s.AddRevisit(ctx(t), r, nil); err != nil {
			t.Fatal(err)
		}
	})
	moves("a delete", true, func() {
		if err := s.Delete(ctx(t), p.ID, p.Version, hindsight.Deletion{At: p.UpdatedAt, By: "x"}); err != nil {
			t.Fatal(err)
		}
	})
	moves("a restore", true, func() {
		if err := s.RestoreFromTrash(ctx(t), p.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// testIdentityVersion checks that the identity version moves on with
// every change that could change who may do what — a session ending or
// changing, an account changing, a token revoked — and not when a session
// is only kept alive or a token only used, which happen all the time.
func testIdentityVersion(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	moves := versionSteps(t, s, func(v hindsight.Versions) int64 { return v.Identity })
	u := newUser("who@example.com", hindsight.Editor, c)
	tok := &hindsight.Token{ID: hindsight.NewID(), UserID: u.ID, Name: "ci", Hash: "versioned", Purpose: hindsight.TokenAPI, CreatedAt: c.now()}
	moves("a new account, session and token", false, func() {
		if err := s.CreateUser(ctx(t), u, hindsight.Credentials{PasswordHash: "hash"}); err != nil {
			t.Fatal(err)
		}
		tok.UserID = u.ID
		if err := s.CreateToken(ctx(t), tok); err != nil {
			t.Fatal(err)
		}
		if err := s.CommitSession(ctx(t), "v1", []byte("user=a"), c.now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	})
	moves("keeping a session alive and using a token", false, func() {
		if err := s.CommitSession(ctx(t), "v1", []byte("user=a"), c.now().Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.TouchToken(ctx(t), tok.ID, c.now()); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := s.FindSession(ctx(t), "v1", c.now()); err != nil {
			t.Fatal(err)
		}
	})
	moves("a change to a session's data", true, func() {
		if err := s.CommitSession(ctx(t), "v1", []byte("user=b"), c.now().Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
	})
	moves("a session ended", true, func() {
		if err := s.DeleteSession(ctx(t), "v1"); err != nil {
			t.Fatal(err)
		}
	})
	moves("a role changed", true, func() {
		u.Role = hindsight.Viewer
		if err := s.UpdateUser(ctx(t), u); err != nil {
			t.Fatal(err)
		}
	})
	moves("an account disabled", true, func() {
		u.Disabled = true
		if err := s.UpdateUser(ctx(t), u); err != nil {
			t.Fatal(err)
		}
	})
	moves("a password changed", true, func() {
		if err := s.SetCredentials(ctx(t), u.ID, hindsight.Credentials{PasswordHash: "other"}); err != nil {
			t.Fatal(err)
		}
	})
	moves("a token revoked", true, func() {
		if err := s.RevokeToken(ctx(t), u.ID, tok.ID, c.now()); err != nil {
			t.Fatal(err)
		}
	})
}

// testReadsVersion checks that the reads version moves on with a first
// opening of a post-mortem, and only then: the same reader again, or
// anything else, leaves it.
func testReadsVersion(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	moves := versionSteps(t, s, func(v hindsight.Versions) int64 { return v.Reads })
	var p *hindsight.PostMortem
	moves("a create", false, func() { p = create(t, s, Minimal("Read")) })
	read := func() {
		if err := s.RecordRead(ctx(t), p.ID, "reader", c.now()); err != nil {
			t.Fatal(err)
		}
	}
	moves("a first reading", true, read)
	moves("the same reader again", false, read)
}

// versionSteps returns a step function: it makes a change and checks
// that the version of, read at once through the same store, moved on or
// stayed put as it should.
func versionSteps(t *testing.T, s hindsight.Store, of func(hindsight.Versions) int64) func(what string, move bool, change func()) {
	last := of(versions(t, s))
	return func(what string, move bool, change func()) {
		t.Helper()
		change()
		v := of(versions(t, s))
		switch {
		case move && v <= last:
			t.Errorf("the version stayed %d after %s", v, what)
		case !move && v != last:
			t.Errorf("%s moved the version from %d to %d", what, last, v)
		}
		last = v
	}
}

func versions(t *testing.T, s hindsight.Store) hindsight.Versions {
	t.Helper()
	v, err := s.Versions(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// dataVersion is the data version s knows.
func dataVersion(ctx context.Context, s hindsight.Store) (int64, error) {
	v, err := s.Versions(ctx)
	return v.Data, err
}
