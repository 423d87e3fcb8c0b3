package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"hindsight"
)

// TestSignInRequired checks that the API answers nobody, and a wrong token,
// with 401 and how to authenticate.
func TestSignInRequired(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		for _, token := range []string{"", "hst_wrong", "not-even-a-token"} {
			res := c.as(token).do("GET", "/api/v1/postmortems", "", nil)
			res.problem(t, http.StatusUnauthorized, "")
			if token != "" && !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: %v", res.header)
			}
		}
		c.as("").do("POST", "/api/v1/postmortems", "application/json", []byte(`{"title":"x"}`)).problem(t, http.StatusUnauthorized, "")
		if c.count() != 0 {
			t.Fatal("an unauthenticated create wrote")
		}
	})
}

// TestRolesOverTheAPI checks viewers, read-only tokens and admins' endpoints.
func TestRolesOverTheAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		viewer := c.as(c.tokenFor("Vic Viewer", hindsight.Viewer))
		admin := c.as(c.tokenFor("Ada Admin", hindsight.Admin))
		p, _ := c.create(`{"title":"Queue backlog","author_id":"forged","updated_by":"Forged"}`)
		if p.AuthorID == "forged" || p.UpdatedBy != "Amara Okafor" {
			t.Fatalf("a client set the author: %+v", p)
		}
		viewer.do("GET", "/api/v1/postmortems/"+p.ID, "", nil).json(t, &hindsight.PostMortem{})
		viewer.do("POST", "/api/v1/postmortems", "application/json", []byte(`{"title":"x"}`)).problem(t, http.StatusForbidden, "")
		viewer.do("PUT", "/api/v1/postmortems/"+p.ID, "application/json", []byte(`{"title":"x"}`), "If-Match", `"1"`).problem(t, http.StatusForbidden, "")
		// A read-only token of an editor reads, and writes nothing.
		res := c.do("POST", "/api/v1/tokens", "application/json", []byte(`{"name":"dashboard","read_only":true,"expires":"30d"}`))
		var made struct {
			Token  hindsight.Token `json:"token"`
			Secret string          `json:"secret"`
		}
		res.json(t, &made)
		if res.status != 201 || !strings.HasPrefix(made.Secret, "hst_") || !made.Token.ReadOnly || made.Token.ExpiresAt == nil {
			t.Fatalf("create token: %d %s", res.status, res.body)
		}
		ro := c.as(made.Secret)
		ro.do("GET", "/api/v1/postmortems/"+p.ID, "", nil).json(t, &hindsight.PostMortem{})
		ro.do("DELETE", "/api/v1/postmortems/"+p.ID, "", nil, "If-Match", `"1"`).problem(t, http.StatusForbidden, "")
		var me hindsight.User
		ro.do("GET", "/api/v1/me", "", nil).json(t, &me)
		if me.Name != "Amara Okafor" || me.Role != hindsight.Editor {
			t.Fatalf("me: %+v", me)
		}
		var tokens struct{ Items []hindsight.Token }
		c.do("GET", "/api/v1/tokens", "", nil).json(t, &tokens)
		if len(tokens.Items) != 2 || strings.Contains(string(c.do("GET", "/api/v1/tokens", "", nil).body), "hst_") {
			t.Fatalf("tokens: %+v", tokens)
		}
		if res := c.do("DELETE", "/api/v1/tokens/"+made.Token.ID, "", nil); res.status != 204 {
			t.Fatalf("revoke: %d %s", res.status, res.body)
		}
		ro.do("GET", "/api/v1/postmortems", "", nil).problem(t, http.StatusUnauthorized, "")

		// Accounts and the audit log are for admins.
		c.do("GET", "/api/v1/users", "", nil).problem(t, http.StatusForbidden, "")
		c.do("GET", "/api/v1/audit", "", nil).problem(t, http.StatusForbidden, "")
		res = admin.do("POST", "/api/v1/users", "application/json", []byte(`{"email":"new@example.com","name":"New","role":"viewer"}`))
		var u hindsight.User
		res.json(t, &u)
		if res.status != 201 || u.Role != hindsight.Viewer || u.HasPassword {
			t.Fatalf("create user: %d %s", res.status, res.body)
		}
		admin.do("POST", "/api/v1/users", "application/json", []byte(`{"email":"new@example.com"}`)).problem(t, 422, "email")
		admin.do("PATCH", "/api/v1/users/"+u.ID, "application/json", []byte(`{"role":"root"}`)).problem(t, 422, "role")
		res = admin.do("PATCH", "/api/v1/users/"+u.ID, "application/json", []byte(`{"role":"editor","groups":["secops"]}`))
		res.json(t, &u)
		if res.status != 200 || u.Role != hindsight.Editor || len(u.Groups) != 1 {
			t.Fatalf("patch user: %d %s", res.status, res.body)
		}
		res = admin.do("POST", "/api/v1/users/"+u.ID+"/reset-link", "", nil)
		if res.status != 201 || !strings.Contains(string(res.body), `"path":"/reset/`) {
			t.Fatalf("reset link: %d %s", res.status, res.body)
		}
		var log hindsight.AuditPage
		admin.do("GET", "/api/v1/audit?action=user.", "", nil).json(t, &log)
		if len(log.Items) < 4 {
			t.Fatalf("audit: %+v", log)
		}
		admin.do("GET", "/api/v1/audit?from=soon", "", nil).problem(t, 400, "from")
	})
}

// TestRestrictedOverTheAPI checks that a user outside a restricted
// post-mortem's audience learns nothing of it from any endpoint.
func TestRestrictedOverTheAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		other := c.as(c.tokenFor("Otto Other", hindsight.Editor))
		named := c.as(c.tokenFor("Nia Named", hindsight.Viewer))
		p, _ := c.create(`{"title":"Credential leak","summary":"zebracorn exposed","severity":"SEV1","tags":["security"],
			"incident":{"started_at":"2026-03-10T09:00:00Z","ended_at":"2026-03-10T10:00:00Z"},
			"countermeasures":[{"title":"Rotate zebracorn","owner":"Otto Other"}],
			"access":{"restricted":true,"users":["nia.named@example.com"]}}`)
		img := c.do("POST", "/api/v1/postmortems/"+p.ID+"/attachments", "image/png", []byte("\x89PNG\r\n\x1a\nrest"))
		var a struct{ URL string }
		img.json(t, &a)
		id := p.ID
		for _, path := range []string{"/api/v1/postmortems/" + id, "/api/v1/postmortems/" + id + "/markdown", a.URL} {
			other.do("GET", path, "", nil).problem(t, http.StatusNotFound, "")
			if res := named.do("GET", path, "", nil); res.status != 200 {
				t.Errorf("named reader GET %s: %d", path, res.status)
			}
		}
		other.do("PUT", "/api/v1/postmortems/"+id, "application/json", []byte(`{"title":"x"}`), "If-Match", `"1"`).problem(t, http.StatusNotFound, "")
		other.do("DELETE", "/api/v1/postmortems/"+id, "", nil, "If-Match", `"1"`).problem(t, http.StatusNotFound, "")
		other.do("POST", "/api/v1/postmortems/"+id+"/countermeasures/"+p.Countermeasures[0].ID+"/status", "application/json", []byte(`{"status":"done"}`), "If-Match", `"1"`).problem(t, http.StatusNotFound, "")
		for _, path := range []string{"/api/v1/postmortems", "/api/v1/postmortems?q=zebracorn", "/api/v1/postmortems?tag=security",
			"/api/v1/countermeasures", "/api/v1/insights", "/api/v1/insights.csv", "/api/v1/meetings/late"} {
			body := string(other.do("GET", path, "", nil).body)
			if strings.Contains(body, id) || strings.Contains(body, "zebracorn") || strings.Contains(body, "Credential") {
				t.Errorf("%s shows the restricted post-mortem to an outsider: %s", path, body)
			}
			if body := string(named.do("GET", path, "", nil).body); path == "/api/v1/postmortems?q=zebracorn" && !strings.Contains(body, id) {
				t.Errorf("%s hides it from a named reader: %s", path, body)
			}
		}
		var rep struct {
			Total struct{ Incidents int } `json:"total"`
		}
		json.Unmarshal(other.do("GET", "/api/v1/insights", "", nil).body, &rep)
		if rep.Total.Incidents != 0 {
			t.Errorf("insights count the restricted incident for an outsider: %+v", rep)
		}
	})
}
