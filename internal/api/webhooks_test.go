package api_test

import (
	"net/http"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/webhook"
)

// TestWebhookChangesAPI changes, pauses, resumes and rotates the secret of
// a webhook through the API on both engines, with the guard the server
// uses: a change keeps the secret and the paused state unless it sends
// them, internal addresses are refused on a change naming the field,
// editors are refused, and unknown webhooks are 404.
func TestWebhookChangesAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		c.svc.CheckWebhookURL = webhook.Guard{}.CheckURL
		admin := c.as(c.tokenFor("Ada Admin", hindsight.Admin))
		var hook hindsight.Webhook
		res := admin.do("POST", "/api/v1/webhooks", "application/json", []byte(`{"name":"chat","format":"slack","url":"https://203.0.113.7/services/T/B/X","events":["published"]}`))
		res.json(t, &hook)
		if res.status != http.StatusCreated {
			t.Fatalf("add: %d %s", res.status, res.body)
		}
		admin.do("POST", "/api/v1/webhooks", "application/json", []byte(`{"name":"inside","url":"http://127.0.0.1:9/x","events":["published"]}`)).
			problem(t, http.StatusUnprocessableEntity, "url")
		path := "/api/v1/webhooks/" + hook.ID

		var paused hindsight.Webhook
		admin.do("POST", path+"/pause", "", nil).json(t, &paused)
		if !paused.Disabled {
			t.Fatalf("pause: %+v", paused)
		}
		var changed hindsight.Webhook
		res = admin.do("PUT", path, "application/json", []byte(`{"name":"ops","format":"json","url":"https://203.0.113.8/hook","events":["published","revisit_due"],"severities":["SEV1"]}`))
		res.json(t, &changed)
		if res.status != http.StatusOK || changed.Secret != hook.Secret || !changed.Disabled || changed.Format != hindsight.FormatJSON ||
			len(changed.Events) != 2 || changed.URL != "https://203.0.113.8/hook" || !changed.CreatedAt.Equal(hook.CreatedAt) {
			t.Fatalf("change: %d %s", res.status, res.body)
		}
		for _, bad := range []string{"http://169.254.169.254/latest", "http://192.168.1.10/hook", "http://localhost:8080/hook"} {
			admin.do("PUT", path, "application/json", []byte(`{"name":"ops","url":"`+bad+`","events":["published"]}`)).
				problem(t, http.StatusUnprocessableEntity, "url")
		}
		admin.do("PUT", path, "application/json", []byte(`{"name":"","url":"https://203.0.113.8/hook","events":[]}`)).problem(t, http.StatusUnprocessableEntity, "name")
		var resumed hindsight.Webhook
		admin.do("POST", path+"/resume", "", nil).json(t, &resumed)
		var got hindsight.Webhook
		admin.do("GET", path, "", nil).json(t, &got)
		if resumed.Disabled || got.Disabled || got.URL != "https://203.0.113.8/hook" || got.Name != "ops" {
			t.Fatalf("after resuming: %+v / %+v", resumed, got)
		}
		res = admin.do("PUT", path, "application/json", []byte(`{"name":"ops","url":"https://203.0.113.8/hook","events":["published"],"disabled":true,"secret":"whsec_chosen"}`))
		res.json(t, &got)
		if !got.Disabled || got.Secret != "whsec_chosen" {
			t.Fatalf("a change that pauses and sets the secret: %s", res.body)
		}
		var rotated hindsight.Webhook
		admin.do("POST", path+"/rotate-secret", "", nil).json(t, &rotated)
		if rotated.Secret == "whsec_chosen" || !strings.HasPrefix(rotated.Secret, "whsec_") {
			t.Fatalf("rotate: %+v", rotated)
		}
		for _, req := range [][2]string{{"POST", path + "/pause"}, {"POST", path + "/rotate-secret"}, {"GET", path}, {"PUT", path}} {
			c.do(req[0], req[1], "application/json", []byte(`{"name":"x","url":"https://203.0.113.9/","events":["published"]}`)).problem(t, http.StatusForbidden, "")
		}
		admin.do("POST", "/api/v1/webhooks/nope/pause", "", nil).problem(t, http.StatusNotFound, "")
		admin.do("PUT", "/api/v1/webhooks/nope", "application/json", []byte(`{"name":"x","url":"https://203.0.113.9/","events":["published"]}`)).problem(t, http.StatusNotFound, "")

		var audit hindsight.AuditPage
		admin.do("GET", "/api/v1/audit?action=webhook.", "", nil).json(t, &audit)
		var actions []string
		for _, e := range audit.Items {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); got != "webhook.secret_rotated webhook.changed webhook.resumed webhook.changed webhook.paused webhook.created" {
			t.Fatalf("audit: %s", got)
		}
	})
}

// TestMailSettingsAPI reads and changes the mail settings through the API
// on both engines: the server's settings first (mail off here), bad
// settings refused naming the fields, the password never answered, a test
// mail refused while mail is off, editors refused, and the server's
// settings put back.
func TestMailSettingsAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		admin := c.as(c.tokenFor("Ada Admin", hindsight.Admin))
		var m hindsight.MailSettingsView
		admin.do("GET", "/api/v1/mail", "", nil).json(t, &m)
		if m.Source != "environment" || m.On || m.Port != 0 {
			t.Fatalf("the server's settings: %+v", m)
		}
		admin.do("PUT", "/api/v1/mail", "application/json", []byte(`{"host":"smtp.example.com","port":25,"security":"ssl","from":"x"}`)).
			problem(t, http.StatusUnprocessableEntity, "security")
		res := admin.do("PUT", "/api/v1/mail", "application/json", []byte(`{"host":"smtp.example.com","username":"relay","password":"s3cret-pass","from":"hindsight@example.com","lists":"revisit_due=sre@example.com"}`))
		res.json(t, &m)
		if res.status != http.StatusOK || m.Source != "admin" || !m.On || !m.PasswordSet || m.Port != 587 || m.Security != "starttls" || strings.Contains(string(res.body), "s3cret-pass") {
			t.Fatalf("put: %d %s", res.status, res.body)
		}
		if res := admin.do("GET", "/api/v1/mail", "", nil); strings.Contains(string(res.body), "s3cret-pass") {
			t.Fatalf("the password is answered: %s", res.body)
		}
		admin.do("POST", "/api/v1/mail/test", "application/json", []byte(`{"to":"not an address"}`)).problem(t, http.StatusUnprocessableEntity, "to")
		// No queue runs in this test's server: the test mail is refused.
		admin.do("POST", "/api/v1/mail/test", "application/json", []byte(`{"to":"ada@example.com"}`)).problem(t, http.StatusUnprocessableEntity, "host")
		for _, req := range [][2]string{{"GET", "/api/v1/mail"}, {"PUT", "/api/v1/mail"}, {"DELETE", "/api/v1/mail"}, {"POST", "/api/v1/mail/test"}} {
			c.do(req[0], req[1], "application/json", []byte(`{}`)).problem(t, http.StatusForbidden, "")
		}
		if res := admin.do("DELETE", "/api/v1/mail", "", nil); res.status != http.StatusNoContent {
			t.Fatalf("delete: %d %s", res.status, res.body)
		}
		admin.do("GET", "/api/v1/mail", "", nil).json(t, &m)
		if m.Source != "environment" {
			t.Fatalf("after delete: %+v", m)
		}
	})
}
