package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/auth"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
)

// TestInstancesAgree serves one PostgreSQL database from two instances,
// each keeping pages, sessions, accounts and tokens in memory, and makes
// every kind of change through one while reading through the other,
// directly rather than through a proxy so the other instance is certain
// to answer (TestTwoInstancesBehindNginx goes through nginx).
func TestInstancesAgree(t *testing.T) {
	db := pgtest.URL(t)
	var in [2]*instance
	for i := range in {
		s, err := postgres.Open(t.Context(), db, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		in[i] = serve(t, s)
	}
	agree(t, in[0], in[1])
}

// TestCommandLineAgrees is the same for SQLite, where one server serves
// the file and the command line may write to it meanwhile (the writer
// here is a second store on the file, as `hindsight user disable` opens
// one). The server checks the file at every request, so it sees every
// change at once, whoever made it.
func TestCommandLineAgrees(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	var in [2]*instance
	for i := range in {
		s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		in[i] = serve(t, s)
	}
	agree(t, in[0], in[1])
}

// agree changes things through one instance and reads them through the
// other at once, when the other has every page, session and token in
// memory: saves made by a browser and by an API client show to them and
// to everyone else, and a session signed out, an account disabled or
// demoted, a token revoked stop working.
func agree(t *testing.T, a, b *instance) {
	cli := hindsight.CommandLine(t.Context())
	admin := a.token(t, "admin@example.com", hindsight.Admin)
	editor := a.token(t, "editor@example.com", hindsight.Editor)
	mei := a.signIn(t, "mei@example.com", hindsight.Editor)
	ana := a.signIn(t, "ana@example.com", hindsight.Viewer)
	create := call(t, "POST", a.URL+"/api/v1/postmortems", editor, "application/json", strings.NewReader(`{"title":"Agreed: version 1"}`))
	if create.status != http.StatusCreated {
		t.Fatalf("create: %d %s", create.status, create.body)
	}
	var p hindsight.PostMortem
	json.Unmarshal(create.body, &p)
	pages := []string{"/postmortems/" + p.ID, "/", "/?q=agreed"}
	page := func(c *http.Client, base, path string) (int, string) {
		t.Helper()
		res, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	shows := func(c *http.Client, base, title string) bool {
		for _, path := range pages {
			if _, body := page(c, base, path); !strings.Contains(body, title) {
				return false
			}
		}
		return true
	}
	// save saves the next version through writer, as a browser (with
	// its session) or as an API client (with a token).
	save := func(writer *instance, browser *http.Client, token string, v int) {
		t.Helper()
		p.Title = fmt.Sprintf("Agreed: version %d", v)
		body, _ := json.Marshal(p)
		req, _ := http.NewRequest("PUT", writer.URL+"/api/v1/postmortems/"+p.ID, strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, p.Version))
		c := browser
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
			c = http.DefaultClient
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		saved, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("save version %d: %d %s", v, res.StatusCode, saved)
		}
		json.Unmarshal(saved, &p)
	}
	atOnce := func(what string, ok bool) {
		t.Helper()
		if !ok {
			t.Fatalf("right after the change through one instance, %s", what)
		}
	}

	for v := 2; v <= 5; v++ {
		writer, reader := a, b
		if v%2 == 1 {
			writer, reader = b, a
		}
		for _, c := range []*http.Client{mei, ana} {
			shows(c, reader.URL, p.Title)
		}
		call(t, "GET", reader.URL+"/api/v1/postmortems/"+p.ID, editor, "", nil)
		if v <= 3 {
			save(writer, mei, "", v)
			atOnce(fmt.Sprintf("the other shows version %d's saver an older page", v), shows(mei, reader.URL, p.Title))
		} else {
			save(writer, nil, editor, v)
			got := call(t, "GET", reader.URL+"/api/v1/postmortems/"+p.ID, editor, "", nil)
			atOnce(fmt.Sprintf("the other's API answers version %d's saver an older version", v), strings.Contains(string(got.body), p.Title))
		}
		atOnce(fmt.Sprintf("the other shows another reader a page older than version %d", v), shows(ana, reader.URL, p.Title))
	}

	signedIn := func(c *http.Client, base string) bool {
		t.Helper()
		code, _ := page(c, base, "/countermeasures")
		return code == http.StatusOK
	}
	// Signing out through a ends the session on both.
	if !signedIn(mei, b.URL) {
		t.Fatal("the session does not work on the other instance")
	}
	var session string
	for _, c := range mei.Jar.Cookies(mustParse(a.URL)) {
		if c.Name == auth.CookieName {
			session = c.Value
		}
	}
	req, _ := http.NewRequest("POST", a.URL+"/signout", nil)
	if res, err := mei.Do(req); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %v %v", res, err)
	}
	if res := withCookie(t, a, "/countermeasures", session); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the instance signed out through still takes the session: %d", res.StatusCode)
	}
	atOnce("the other still takes the session signed out", withCookie(t, b, "/countermeasures", session).StatusCode == http.StatusSeeOther)

	// Disabling an account through a signs it out of b and stops its
	// tokens there.
	mei = browser()
	if res, err := mei.PostForm(a.URL+"/signin", url.Values{"email": {"mei@example.com"}, "password": {password}}); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in again: %v %v", res, err)
	}
	u, err := a.svc.UserByEmail(cli, "mei@example.com")
	if err != nil {
		t.Fatal(err)
	}
	_, meiToken, err := a.svc.CreateTokenFor(cli, u.ID, hindsight.NewToken{Name: "script"})
	if err != nil {
		t.Fatal(err)
	}
	if !signedIn(mei, b.URL) || call(t, "GET", b.URL+"/api/v1/postmortems", meiToken, "", nil).status != http.StatusOK {
		t.Fatal("the account does not work on the other instance")
	}
	if r := call(t, "PATCH", a.URL+"/api/v1/users/"+u.ID, admin, "application/json", strings.NewReader(`{"disabled":true}`)); r.status != http.StatusOK {
		t.Fatalf("disable: %d %s", r.status, r.body)
	}
	atOnce("the other still lets a disabled account's session in", !signedIn(mei, b.URL))
	atOnce("the other still takes a disabled account's token", call(t, "GET", b.URL+"/api/v1/postmortems", meiToken, "", nil).status == http.StatusUnauthorized)

	// Taking a role away through a: b refuses what the role allowed.
	if r := call(t, "POST", b.URL+"/api/v1/postmortems", editor, "application/json", strings.NewReader(`{"title":"Allowed"}`)); r.status != http.StatusCreated {
		t.Fatalf("an editor's create on the other instance: %d", r.status)
	}
	ed, err := a.svc.UserByEmail(cli, "editor@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, "PATCH", a.URL+"/api/v1/users/"+ed.ID, admin, "application/json", strings.NewReader(`{"role":"viewer"}`)); r.status != http.StatusOK {
		t.Fatalf("demote: %d %s", r.status, r.body)
	}
	refused := call(t, "POST", b.URL+"/api/v1/postmortems", editor, "application/json", strings.NewReader(`{"title":"Refused"}`))
	atOnce("the other still lets a demoted editor create", refused.status == http.StatusForbidden)

	// Revoking a token through a: b refuses it.
	var tokens struct{ Items []hindsight.Token }
	json.Unmarshal(call(t, "GET", a.URL+"/api/v1/tokens", editor, "", nil).body, &tokens)
	if len(tokens.Items) != 1 {
		t.Fatalf("the editor's tokens: %+v", tokens)
	}
	if r := call(t, "DELETE", a.URL+"/api/v1/tokens/"+tokens.Items[0].ID, editor, "", nil); r.status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.status, r.body)
	}
	atOnce("the other still takes a revoked token", call(t, "GET", b.URL+"/api/v1/postmortems", editor, "", nil).status == http.StatusUnauthorized)
}
