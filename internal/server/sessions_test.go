package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"hindsight"
	"hindsight/internal/auth"
	"hindsight/internal/config"
)

func sessionCookie(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == auth.CookieName {
			return c
		}
	}
	return nil
}

// withCookie makes a request carrying exactly this session cookie.
func withCookie(t *testing.T, in *instance, path, value string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", in.URL+path, nil)
	req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: value})
	res, err := browser().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// TestSessionCookie checks the cookie's attributes, Secure behind HTTPS.
func TestSessionCookie(t *testing.T) {
	for _, base := range []string{"", "https://hindsight.example.com"} {
		in := newServer(t, func(c *config.Config) { c.BaseURL = base })
		in.svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: "mei@example.com", Password: password})
		res, err := browser().PostForm(in.URL+"/signin", url.Values{"email": {"mei@example.com"}, "password": {password}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		c := sessionCookie(res)
		if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure != (base != "") || len(c.Value) < 32 {
			t.Errorf("base %q: cookie %+v", base, c)
		}
	}
}

// TestSessionLifecycle checks that signing in makes a new session id, that
// signing out ends the session on the server (the old cookie is worthless),
// and that disabling an account signs it out everywhere.
func TestSessionLifecycle(t *testing.T) {
	in := newServer(t)
	cli := hindsight.CommandLine(t.Context())
	u, _ := in.svc.AddUser(cli, hindsight.NewUser{Email: "kai@example.com", Name: "Kai", Role: hindsight.Editor, Password: password})
	signedIn := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u})
	key, _ := in.svc.NewTOTPKey(signedIn, "Hindsight")
	code, _ := totp.GenerateCode(key.Secret(), time.Now())
	if err := in.svc.ConfirmTOTP(signedIn, key.Secret(), code); err != nil {
		t.Fatal(err)
	}
	b := browser()
	res, _ := b.PostForm(in.URL+"/signin", url.Values{"email": {"kai@example.com"}, "password": {password}, "next": {"/countermeasures"}})
	res.Body.Close()
	pending := sessionCookie(res)
	if res.StatusCode != 200 || pending == nil {
		t.Fatalf("password step: %d %+v", res.StatusCode, pending)
	}
	if r := withCookie(t, in, "/countermeasures", pending.Value); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("a session waiting for its code is signed in: %d", r.StatusCode)
	}
	res, _ = b.PostForm(in.URL+"/signin/code", url.Values{"code": {"000000"}, "next": {"/countermeasures"}})
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong code: %d", res.StatusCode)
	}
	code, _ = totp.GenerateCode(key.Secret(), time.Now())
	res, _ = b.PostForm(in.URL+"/signin/code", url.Values{"code": {code}, "next": {"/countermeasures"}})
	res.Body.Close()
	session := sessionCookie(res)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/countermeasures" || session == nil || session.Value == pending.Value {
		t.Fatalf("code step: %d %q; session id must change at sign-in (%v)", res.StatusCode, res.Header.Get("Location"), session)
	}
	if r := withCookie(t, in, "/countermeasures", session.Value); r.StatusCode != 200 {
		t.Fatalf("signed in: %d", r.StatusCode)
	}
	if r := withCookie(t, in, "/countermeasures", pending.Value); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("the pre-sign-in session id still works: %d", r.StatusCode)
	}
	req, _ := http.NewRequest("POST", in.URL+"/signout", nil)
	res, err := b.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if r := withCookie(t, in, "/countermeasures", session.Value); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("a signed-out session still works when replayed: %d", r.StatusCode)
	}
	log, _ := in.svc.Audit(cli, hindsight.AuditFilter{Actor: "kai@example.com"})
	var actions []string
	for _, e := range log.Items {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, " ") != "signout signin signin.failed user.totp user.created" {
		t.Fatalf("audit: %v", actions)
	}

	// Disabling the account signs it out everywhere at once.
	other := in.signIn(t, "ola@example.com", hindsight.Editor)
	ola, _ := in.svc.UserByEmail(cli, "ola@example.com")
	if _, err := in.svc.SetDisabled(cli, ola.ID, true); err != nil {
		t.Fatal(err)
	}
	if r := get(t, other, in.URL+"/countermeasures"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("a disabled account is still signed in: %d", r.StatusCode)
	}
}

// TestSessionTimeouts checks the idle and the absolute timeout, on real
// time: the session manager keeps its own.
func TestSessionTimeouts(t *testing.T) {
	in := newServer(t, func(c *config.Config) {
		c.SignIn.SessionIdle, c.SignIn.SessionLifetime = 1500*time.Millisecond, 3*time.Second
	})
	idle := in.signIn(t, "idle@example.com", hindsight.Editor)
	busy := in.signIn(t, "busy@example.com", hindsight.Editor)
	start := time.Now()
	for time.Since(start) < 2*time.Second {
		if r := get(t, busy, in.URL+"/countermeasures"); r.StatusCode != 200 {
			t.Fatalf("a session in use ended after %v", time.Since(start))
		}
		time.Sleep(300 * time.Millisecond)
	}
	if r := get(t, idle, in.URL+"/countermeasures"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("a session idle for 2s with a 1.5s idle timeout still works: %d", r.StatusCode)
	}
	for time.Since(start) < 3500*time.Millisecond {
		time.Sleep(300 * time.Millisecond)
		get(t, busy, in.URL+"/countermeasures")
	}
	if r := get(t, busy, in.URL+"/countermeasures"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("a session in use outlived its 3s lifetime: %d", r.StatusCode)
	}
}

// TestSignInThrottledOverHTTP checks the sign-in page's answer after too
// many failures: 429, Retry-After, and words that tell no account apart.
func TestSignInThrottledOverHTTP(t *testing.T) {
	in := newServer(t)
	in.svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: "mei@example.com", Password: password})
	var last *http.Response
	var body string
	for range hindsight.MaxAccountFailures + 1 {
		res, err := browser().PostForm(in.URL+"/signin", url.Values{"email": {"mei@example.com"}, "password": {"nope nope nope"}})
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 64<<10)
		n, _ := res.Body.Read(b)
		res.Body.Close()
		last, body = res, string(b[:n])
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many failed sign-ins") {
		t.Fatalf("after %d failures: %d %q", hindsight.MaxAccountFailures+1, last.StatusCode, last.Header.Get("Retry-After"))
	}
}
