package hindsight_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"hindsight"
)

const goodPassword = "correct horse battery staple"

// TestSignIn checks password sign-in: one answer for every failure, so
// nothing tells which accounts exist; throttling per account and per client
// address; and the audit log.
func TestSignIn(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	cli := hindsight.CommandLine(t.Context())
	u, err := svc.AddUser(cli, hindsight.NewUser{Email: "Mei.Lin@Example.com", Name: "Mei Lin", Role: hindsight.Editor, Password: goodPassword})
	if err != nil {
		t.Fatal(err)
	}
	if u.Email != "mei.lin@example.com" || !u.HasPassword {
		t.Fatalf("user: %+v", u)
	}
	got, err := svc.SignIn(t.Context(), " MEI.LIN@example.com ", goodPassword, "10.0.0.1")
	if err != nil || got.ID != u.ID {
		t.Fatalf("sign in: %v %v", got, err)
	}
	wrong, _ := svc.SignIn(t.Context(), "mei.lin@example.com", "wrong password here", "10.0.0.1")
	_, errWrong := svc.SignIn(t.Context(), "mei.lin@example.com", "wrong password here", "10.0.0.1")
	_, errNobody := svc.SignIn(t.Context(), "nobody@example.com", goodPassword, "10.0.0.1")
	if wrong != nil || errWrong == nil || errWrong.Error() != errNobody.Error() {
		t.Fatalf("a wrong password and an unknown account answer differently: %v / %v", errWrong, errNobody)
	}
	if _, err := svc.SetDisabled(cli, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SignIn(t.Context(), "mei.lin@example.com", goodPassword, "10.0.0.2"); err == nil || err.Error() != errNobody.Error() {
		t.Fatalf("a disabled account signed in or answered differently: %v", err)
	}
	if _, err := svc.SessionUser(t.Context(), u.ID); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Fatalf("a disabled account's session still works: %v", err)
	}
	if _, err := svc.SetDisabled(cli, u.ID, false); err != nil {
		t.Fatal(err)
	}
	// Three failures so far for this account (two wrong, one disabled):
	// two more and it is throttled, even with the right password.
	for range 2 {
		svc.SignIn(t.Context(), "mei.lin@example.com", "wrong again", "10.0.0.3")
	}
	_, err = svc.SignIn(t.Context(), "mei.lin@example.com", goodPassword, "10.0.0.4")
	var th *hindsight.ThrottledError
	if !errors.As(err, &th) || th.RetryAfter <= 0 || th.RetryAfter > hindsight.ThrottleWindow {
		t.Fatalf("not throttled after %d failures: %v", hindsight.MaxAccountFailures, err)
	}
	// An unknown account is throttled the same way: no difference shows.
	for range hindsight.MaxAccountFailures {
		svc.SignIn(t.Context(), "ghost@example.com", "x", "10.0.0.5")
	}
	if _, err := svc.SignIn(t.Context(), "ghost@example.com", "x", "10.0.0.6"); !errors.As(err, &th) {
		t.Fatalf("an unknown account is not throttled alike: %v", err)
	}
	// The window passes.
	svc.Now = func() time.Time { return now.Add(hindsight.ThrottleWindow + time.Minute) }
	if _, err := svc.SignIn(t.Context(), "mei.lin@example.com", goodPassword, "10.0.0.4"); err != nil {
		t.Fatalf("still throttled after the window: %v", err)
	}
	// One client address trying many accounts is throttled too.
	for i := range hindsight.MaxClientFailures {
		svc.SignIn(t.Context(), "user"+string(rune('a'+i))+"@example.com", "x", "192.0.2.9")
	}
	if _, err := svc.SignIn(t.Context(), "mei.lin@example.com", goodPassword, "192.0.2.9"); !errors.As(err, &th) {
		t.Fatalf("a client address trying many accounts is not throttled: %v", err)
	}
	log, err := svc.Audit(cli, hindsight.AuditFilter{Action: "signin.", Limit: 200})
	if err != nil || len(log.Items) < 10 || log.Items[0].ClientIP == "" {
		t.Fatalf("failed sign-ins not audited: %d %v", len(log.Items), err)
	}
	ok, err := svc.Audit(cli, hindsight.AuditFilter{Action: "signin", Actor: "mei.lin@example.com"})
	if err != nil || len(ok.Items) != 2 {
		t.Fatalf("successful sign-ins: %+v %v", ok.Items, err)
	}
}

// TestPasswords checks the password rules.
func TestPasswords(t *testing.T) {
	svc := newService(t, time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC))
	cli := hindsight.CommandLine(t.Context())
	for _, pw := range []string{"short", "password123", "qwertyuiop", "Mei.Lin2026!", "1234567890123"} {
		_, err := svc.AddUser(cli, hindsight.NewUser{Email: "mei.lin@example.com", Name: "Mei Lin", Password: pw})
		var v *hindsight.ValidationError
		if !errors.As(err, &v) || v.Fields[0].Field != "password" {
			t.Errorf("password %q accepted: %v", pw, err)
		}
	}
	ctx := as(t, svc, "Jo Doe", hindsight.Editor)
	if err := svc.ChangePassword(ctx, "", goodPassword); err != nil {
		t.Fatal(err)
	}
	if err := svc.ChangePassword(ctx, "not it", "another fine sentence of words"); err == nil || !strings.Contains(err.Error(), "current_password") {
		t.Fatalf("changed without the current password: %v", err)
	}
	if err := svc.ChangePassword(ctx, goodPassword, "another fine sentence of words"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SignIn(t.Context(), "jo.doe@example.com", "another fine sentence of words", "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
}

// TestTOTP checks the second factor: turned on with a code, then asked
// for after the password, wrong codes refused.
func TestTOTP(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	if _, err := svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: "kai@example.com", Name: "Kai", Password: goodPassword}); err != nil {
		t.Fatal(err)
	}
	u, err := svc.SignIn(t.Context(), "kai@example.com", goodPassword, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	ctx := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u})
	key, err := svc.NewTOTPKey(ctx, "Hindsight")
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.ConfirmTOTP(ctx, key.Secret(), "000000"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("a wrong code turned it on: %v", err)
	}
	code, _ := totp.GenerateCode(key.Secret(), now)
	if err := svc.ConfirmTOTP(ctx, key.Secret(), code); err != nil {
		t.Fatal(err)
	}
	pending, err := svc.SignIn(t.Context(), "kai@example.com", goodPassword, "127.0.0.1")
	if !errors.Is(err, hindsight.ErrTOTPRequired) || pending.ID != u.ID {
		t.Fatalf("no code asked for: %v", err)
	}
	if _, err := svc.SignInTOTP(t.Context(), u.ID, "123456", "127.0.0.1"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("a wrong code signed in: %v", err)
	}
	later := now.Add(5 * time.Minute)
	svc.Now = func() time.Time { return later }
	if _, err := svc.SignInTOTP(t.Context(), u.ID, code, "127.0.0.1"); err == nil {
		t.Fatal("a code from five minutes ago signed in")
	}
	code, _ = totp.GenerateCode(key.Secret(), later)
	if _, err := svc.SignInTOTP(t.Context(), u.ID, code, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
}

// TestSetupAndResetLinks checks the one-time links: the first admin's
// works once, for an hour, and only while there is no admin; a reset link
// sets a password once.
func TestSetupAndResetLinks(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	expired, err := svc.SetupLink(t.Context())
	if err != nil || expired == "" {
		t.Fatalf("no setup link without an admin: %q %v", expired, err)
	}
	secret, _ := svc.SetupLink(t.Context())
	svc.Now = func() time.Time { return now.Add(30 * time.Minute) }
	if _, err := svc.CompleteSetup(t.Context(), secret, hindsight.NewUser{Email: "root@example.com", Name: "Root", Password: "weak"}, "127.0.0.1"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("weak password: %v", err)
	}
	admin, err := svc.CompleteSetup(t.Context(), secret, hindsight.NewUser{Email: "root@example.com", Name: "Root", Password: goodPassword}, "127.0.0.1")
	if err != nil || admin.Role != hindsight.Admin {
		t.Fatalf("setup after a weak try spent the link: %+v %v", admin, err)
	}
	if _, err := svc.CompleteSetup(t.Context(), secret, hindsight.NewUser{Email: "two@example.com", Password: goodPassword}, "127.0.0.1"); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a used setup link worked again: %v", err)
	}
	if s, err := svc.SetupLink(t.Context()); s != "" || err != nil {
		t.Fatalf("a setup link with an admin: %q %v", s, err)
	}
	adminCtx := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: admin})
	u, err := svc.AddUser(adminCtx, hindsight.NewUser{Email: "new@example.com", Name: "New Person", Role: hindsight.Viewer})
	if err != nil || u.HasPassword {
		t.Fatalf("%+v %v", u, err)
	}
	reset, err := svc.ResetLink(adminCtx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if who, err := svc.ResetLinkUser(t.Context(), reset); err != nil || who.ID != u.ID {
		t.Fatalf("reset link user: %v %v", who, err)
	}
	if _, err := svc.CompleteReset(t.Context(), reset, goodPassword, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CompleteReset(t.Context(), reset, goodPassword, "127.0.0.1"); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a reset link worked twice: %v", err)
	}
	if _, err := svc.SignIn(t.Context(), "new@example.com", goodPassword, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	// Expired setup links fail even if unused: make a fresh instance.
	svc2 := newService(t, now)
	old, _ := svc2.SetupLink(t.Context())
	svc2.Now = func() time.Time { return now.Add(hindsight.SetupLinkTTL + time.Second) }
	if _, err := svc2.CompleteSetup(t.Context(), old, hindsight.NewUser{Email: "late@example.com", Password: goodPassword}, "127.0.0.1"); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("an expired setup link worked: %v", err)
	}
}

// TestTokens checks API and feed tokens: shown once, kept hashed, of one
// purpose, read-only when asked, refused once revoked, expired or their
// user disabled.
func TestTokens(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ctx := as(t, svc, "Tia Token", hindsight.Editor)
	tok, secret, err := svc.CreateToken(ctx, hindsight.NewToken{Name: "ci", ExpiresIn: 90 * 24 * time.Hour})
	if err != nil || !strings.HasPrefix(secret, "hst_") || tok.Hash == secret || tok.Hash != hindsight.HashSecret(secret) {
		t.Fatalf("%+v %q %v", tok, secret, err)
	}
	p, err := svc.Authenticate(t.Context(), secret, hindsight.TokenAPI, "192.0.2.1")
	if err != nil || p.User.Name != "Tia Token" || p.ReadOnly {
		t.Fatalf("authenticate: %+v %v", p, err)
	}
	if _, err := svc.Authenticate(t.Context(), secret, hindsight.TokenFeed, ""); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Fatalf("an API token opened a feed: %v", err)
	}
	if _, err := svc.Authenticate(t.Context(), secret+"x", hindsight.TokenAPI, ""); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Fatalf("a wrong token: %v", err)
	}
	ts, _ := svc.Tokens(ctx)
	if len(ts) != 1 || ts[0].LastUsedAt == nil || !ts[0].LastUsedAt.Equal(now) {
		t.Fatalf("last use not recorded: %+v", ts)
	}
	_, roSecret, _ := svc.CreateToken(ctx, hindsight.NewToken{Name: "dashboard", ReadOnly: true})
	if p, err := svc.Authenticate(t.Context(), roSecret, hindsight.TokenAPI, ""); err != nil || !p.ReadOnly {
		t.Fatalf("read-only token: %+v %v", p, err)
	}
	_, feed, _ := svc.CreateToken(ctx, hindsight.NewToken{Purpose: hindsight.TokenFeed})
	if p, err := svc.Authenticate(t.Context(), feed, hindsight.TokenFeed, ""); err != nil || !p.ReadOnly {
		t.Fatalf("a feed token must be read-only: %+v %v", p, err)
	}
	if err := svc.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(t.Context(), secret, hindsight.TokenAPI, ""); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Fatalf("a revoked token works: %v", err)
	}
	other := as(t, svc, "Oz Other", hindsight.Editor)
	ts, _ = svc.Tokens(ctx)
	if err := svc.RevokeToken(other, ts[0].ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Fatalf("revoked somebody else's token: %v", err)
	}
	_, short, _ := svc.CreateToken(ctx, hindsight.NewToken{Name: "short", ExpiresIn: time.Hour})
	svc.Now = func() time.Time { return now.Add(time.Hour) }
	if _, err := svc.Authenticate(t.Context(), short, hindsight.TokenAPI, ""); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Fatalf("an expired token works: %v", err)
	}
	me, _ := hindsight.PrincipalFrom(ctx)
	if _, err := svc.SetDisabled(hindsight.CommandLine(t.Context()), me.User.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(t.Context(), roSecret, hindsight.TokenAPI, ""); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Fatalf("a disabled user's token works: %v", err)
	}
	log, _ := svc.Audit(hindsight.CommandLine(t.Context()), hindsight.AuditFilter{Action: "token."})
	if len(log.Items) != 5 {
		t.Fatalf("token changes not audited: %+v", log.Items)
	}
}
