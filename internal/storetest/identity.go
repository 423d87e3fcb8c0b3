package storetest

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"hindsight"
)

func newUser(email string, role hindsight.UserRole, c *clock) *hindsight.User {
	return &hindsight.User{Email: email, Name: "Name of " + email, Role: role, Groups: []string{}, CreatedAt: c.now()}
}

// testUsers checks accounts: unique e-mail, lookups, credentials read
// apart, admins counted, audit written with the change.
func testUsers(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	u := newUser("mei@example.com", hindsight.Admin, c)
	audit := hindsight.AuditEvent{ID: hindsight.NewID(), At: c.now(), Actor: "cli", Action: "user.created", Target: u.Email}
	if err := s.CreateUser(ctx(t), u, hindsight.Credentials{PasswordHash: "hash"}, audit); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser(ctx(t), newUser("mei@example.com", hindsight.Viewer, c), hindsight.Credentials{}); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("a second account for one e-mail: %v", err)
	}
	got, err := s.UserByEmail(ctx(t), "mei@example.com")
	if err != nil || got.ID != u.ID || !got.HasPassword || got.TOTP || got.Role != hindsight.Admin || !got.CreatedAt.Equal(c.now()) || got.Groups == nil {
		t.Fatalf("by e-mail: %+v %v", got, err)
	}
	if _, err := s.GetUser(ctx(t), "nope"); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("missing user: %v", err)
	}
	if got.WeeklyDigest {
		t.Fatal("a new account asks for the weekly digest")
	}
	got.Subject, got.Groups, got.Name, got.WeeklyDigest = "https://idp|123", []string{"secops", "eng"}, "Mei Lin", true
	if err := s.UpdateUser(ctx(t), got); err != nil {
		t.Fatal(err)
	}
	if by, err := s.UserBySubject(ctx(t), "https://idp|123"); err != nil || by.ID != u.ID || !slices.Equal(by.Groups, []string{"secops", "eng"}) || by.Name != "Mei Lin" || !by.WeeklyDigest {
		t.Fatalf("by subject: %+v %v", by, err)
	}
	if _, err := s.UserBySubject(ctx(t), ""); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("empty subject: %v", err)
	}
	if err := s.SetCredentials(ctx(t), u.ID, hindsight.Credentials{PasswordHash: "h2", TOTPSecret: "ABC"}); err != nil {
		t.Fatal(err)
	}
	if cr, err := s.Credentials(ctx(t), u.ID); err != nil || cr.PasswordHash != "h2" || cr.TOTPSecret != "ABC" {
		t.Fatalf("credentials: %+v %v", cr, err)
	}
	if err := s.UpdateUser(ctx(t), &hindsight.User{ID: "nope", Email: "x@example.com", Role: hindsight.Viewer}); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("update missing: %v", err)
	}
	s.CreateUser(ctx(t), newUser("a@example.com", hindsight.Admin, c), hindsight.Credentials{})
	disabled := newUser("b@example.com", hindsight.Admin, c)
	disabled.Disabled = true
	s.CreateUser(ctx(t), disabled, hindsight.Credentials{})
	s.CreateUser(ctx(t), newUser("c@example.com", hindsight.Editor, c), hindsight.Credentials{})
	if n, err := s.CountAdmins(ctx(t)); err != nil || n != 2 {
		t.Fatalf("admins: %d %v", n, err)
	}
	all, err := s.ListUsers(ctx(t))
	if err != nil || len(all) != 4 || all[0].Email != "a@example.com" || all[3].Email != "mei@example.com" {
		t.Fatalf("list: %+v %v", all, err)
	}
	at := c.now().Add(time.Minute)
	if err := s.TouchSignIn(ctx(t), u.ID, at); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetUser(ctx(t), u.ID); got.LastSignInAt == nil || !got.LastSignInAt.Equal(at) {
		t.Fatalf("last sign-in: %+v", got.LastSignInAt)
	}
	page, err := s.ListAudit(ctx(t), hindsight.AuditFilter{})
	if err != nil || len(page.Items) != 1 || page.Items[0].Action != "user.created" {
		t.Fatalf("audit of the create: %+v %v", page, err)
	}
}

// testSessions checks sessions: found until they expire, replaced,
// deleted, purged.
func testSessions(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	if err := s.CommitSession(ctx(t), "k1", []byte("one"), c.now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitSession(ctx(t), "k1", []byte("two"), c.now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	s.CommitSession(ctx(t), "k2", []byte("x"), c.now().Add(time.Minute))
	if b, exp, ok, err := s.FindSession(ctx(t), "k1", c.now()); err != nil || !ok || string(b) != "two" || !exp.Equal(c.now().Add(2*time.Hour)) {
		t.Fatalf("find: %q %v %v %v", b, exp, ok, err)
	}
	if _, _, ok, _ := s.FindSession(ctx(t), "k2", c.now().Add(2*time.Minute)); ok {
		t.Fatal("an expired session was found")
	}
	if err := s.PurgeSessions(ctx(t), c.now().Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := s.FindSession(ctx(t), "k2", c.now()); ok {
		t.Fatal("purge kept an expired session")
	}
	if err := s.DeleteSession(ctx(t), "k1"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := s.FindSession(ctx(t), "k1", c.now()); ok || err != nil {
		t.Fatalf("a deleted session: %v %v", ok, err)
	}
}

// testTokens checks API tokens by hash, listing, revoking and last use.
func testTokens(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	u := newUser("t@example.com", hindsight.Editor, c)
	s.CreateUser(ctx(t), u, hindsight.Credentials{})
	exp := c.now().Add(24 * time.Hour)
	tok := &hindsight.Token{ID: hindsight.NewID(), UserID: u.ID, Name: "ci", Hash: "h1", ReadOnly: true, Purpose: hindsight.TokenAPI, CreatedAt: c.now(), ExpiresAt: &exp}
	if err := s.CreateToken(ctx(t), tok); err != nil {
		t.Fatal(err)
	}
	c.add(time.Second)
	s.CreateToken(ctx(t), &hindsight.Token{ID: hindsight.NewID(), UserID: u.ID, Name: "feed", Hash: "h2", Purpose: hindsight.TokenFeed, CreatedAt: c.now()})
	got, err := s.TokenByHash(ctx(t), "h1")
	if err != nil || got.ID != tok.ID || !got.ReadOnly || !got.ExpiresAt.Equal(exp) || got.RevokedAt != nil || got.LastUsedAt != nil {
		t.Fatalf("by hash: %+v %v", got, err)
	}
	if _, err := s.TokenByHash(ctx(t), "nope"); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("missing token: %v", err)
	}
	ts, err := s.ListTokens(ctx(t), u.ID)
	if err != nil || len(ts) != 2 || ts[0].Name != "feed" {
		t.Fatalf("list: %+v %v", ts, err)
	}
	if err := s.TouchToken(ctx(t), tok.ID, c.now()); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx(t), "someone-else", tok.ID, c.now()); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("revoked through another user: %v", err)
	}
	if err := s.RevokeToken(ctx(t), u.ID, tok.ID, c.now()); err != nil {
		t.Fatal(err)
	}
	got, _ = s.TokenByHash(ctx(t), "h1")
	if got.RevokedAt == nil || got.LastUsedAt == nil || !got.LastUsedAt.Equal(c.now()) {
		t.Fatalf("after use and revoke: %+v", got)
	}
}

// testOneTimeLinks checks that a link is used once, across concurrent
// tries, and never after it expires.
func testOneTimeLinks(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	l := hindsight.OneTimeLink{Hash: "h", Purpose: hindsight.LinkReset, UserID: "u1", ExpiresAt: c.now().Add(time.Hour)}
	if err := s.CreateOneTimeLink(ctx(t), l); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UseOneTimeLink(ctx(t), "h", hindsight.LinkSetup, c.now()); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("used for another purpose: %v", err)
	}
	if p, err := s.PeekOneTimeLink(ctx(t), "h", hindsight.LinkReset, c.now()); err != nil || p.UserID != "u1" {
		t.Fatalf("peek: %+v %v", p, err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	used := 0
	for range 8 {
		wg.Go(func() {
			if got, err := s.UseOneTimeLink(ctx(t), "h", hindsight.LinkReset, c.now()); err == nil && got.UserID == "u1" {
				mu.Lock()
				used++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if used != 1 {
		t.Fatalf("a one-time link was used %d times", used)
	}
	s.CreateOneTimeLink(ctx(t), hindsight.OneTimeLink{Hash: "old", Purpose: hindsight.LinkSetup, ExpiresAt: c.now().Add(time.Minute)})
	if _, err := s.UseOneTimeLink(ctx(t), "old", hindsight.LinkSetup, c.now().Add(time.Minute)); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("an expired link worked: %v", err)
	}
}

// testFailures checks sign-in failure counting.
func testFailures(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	first := c.now()
	for range 3 {
		if err := s.RecordFailure(ctx(t), "account:a", c.now()); err != nil {
			t.Fatal(err)
		}
		c.add(time.Minute)
	}
	s.RecordFailure(ctx(t), "account:b", c.now())
	n, oldest, err := s.CountFailures(ctx(t), "account:a", first)
	if err != nil || n != 3 || !oldest.Equal(first) {
		t.Fatalf("count: %d %v %v", n, oldest, err)
	}
	if n, oldest, _ := s.CountFailures(ctx(t), "account:a", first.Add(90*time.Second)); n != 1 || !oldest.Equal(first.Add(2*time.Minute)) {
		t.Fatalf("count since: %d %v", n, oldest)
	}
	if err := s.ClearFailures(ctx(t), "account:a"); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := s.CountFailures(ctx(t), "account:a", first); n != 0 {
		t.Fatalf("after clear: %d", n)
	}
	if n, _, _ := s.CountFailures(ctx(t), "account:b", first); n != 1 {
		t.Fatalf("another key was cleared: %d", n)
	}
}

// testAudit checks the audit log: newest first, filters, paging, and
// events written with a post-mortem's update and delete.
func testAudit(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	for i, a := range []string{"signin", "signin.failed", "user.role", "user_x", "token.created"} {
		e := hindsight.AuditEvent{ID: hindsight.NewID(), At: c.now(), ActorID: "id", Actor: "Mei", Action: a, Target: "t", Detail: "d", ClientIP: "192.0.2.1"}
		if i == 4 {
			e.Actor = "Jo"
		}
		if err := s.AppendAudit(ctx(t), e); err != nil {
			t.Fatal(err)
		}
		c.add(time.Minute)
	}
	p := create(t, s, Minimal("audited"))
	p.Title = "audited, renamed"
	prepare(t, p)
	if err := s.Update(ctx(t), p, hindsight.Change{}, hindsight.AuditEvent{ID: hindsight.NewID(), At: c.now(), Action: "postmortem.access", Target: p.ID}); err != nil {
		t.Fatal(err)
	}
	c.add(time.Minute)
	if err := s.Delete(ctx(t), p.ID, p.Version, hindsight.Deletion{At: c.now()}, hindsight.AuditEvent{ID: hindsight.NewID(), At: c.now(), Action: "postmortem.deleted", Target: p.ID}); err != nil {
		t.Fatal(err)
	}
	actions := func(f hindsight.AuditFilter) []string {
		page, err := s.ListAudit(ctx(t), f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range page.Items {
			out = append(out, e.Action)
		}
		return out
	}
	if got := actions(hindsight.AuditFilter{}); !slices.Equal(got, []string{"postmortem.deleted", "postmortem.access", "token.created", "user_x", "user.role", "signin.failed", "signin"}) {
		t.Fatalf("newest first: %v", got)
	}
	if got := actions(hindsight.AuditFilter{Action: "user."}); !slices.Equal(got, []string{"user.role"}) {
		t.Fatalf("prefix (with _ not a wildcard): %v", got)
	}
	if got := actions(hindsight.AuditFilter{Action: "signin"}); !slices.Equal(got, []string{"signin"}) {
		t.Fatalf("exact: %v", got)
	}
	if got := actions(hindsight.AuditFilter{Actor: "jo"}); !slices.Equal(got, []string{"token.created"}) {
		t.Fatalf("actor: %v", got)
	}
	from := newClock().now().Add(time.Minute)
	to := from.Add(2 * time.Minute)
	if got := actions(hindsight.AuditFilter{From: &from, To: &to}); !slices.Equal(got, []string{"user.role", "signin.failed"}) {
		t.Fatalf("from/to: %v", got)
	}
	var all []string
	f := hindsight.AuditFilter{Limit: 3}
	for {
		page, err := s.ListAudit(ctx(t), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			all = append(all, e.Action)
		}
		if page.NextCursor == "" {
			break
		}
		f.Cursor = page.NextCursor
	}
	if len(all) != 7 || all[6] != "signin" {
		t.Fatalf("paging: %v", all)
	}
	// A failed write writes no audit event.
	stale := create(t, s, Minimal("stale"))
	stale.Version = 9
	if err := s.Update(ctx(t), stale, hindsight.Change{}, hindsight.AuditEvent{ID: hindsight.NewID(), At: c.now(), Action: "never"}); !errors.Is(err, hindsight.ErrConflict) {
		t.Fatal(err)
	}
	if got := actions(hindsight.AuditFilter{Action: "never"}); len(got) != 0 {
		t.Fatalf("an audit event of a failed write: %v", got)
	}
}
