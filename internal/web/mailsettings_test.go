package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/announce"
	"hindsight/internal/mail"
	"hindsight/internal/mail/mailtest"
)

// TestMailPage has an admin set the mail server on the mail page without
// JavaScript, against a real SMTP server: the page starts from the
// server's settings (mail off here), refuses bad settings naming the
// fields with what was typed kept, never shows the password, sends a test
// mail and says how the server answered, and puts the server's settings
// back; editors are refused.
func TestMailPage(t *testing.T) {
	s := newSite(t)
	srv := mailtest.Start(t, false)
	s.startQueue(announce.Options{Mail: &mail.Live{TLS: srv.ClientTLS, Settings: func(ctx context.Context) (hindsight.MailSettings, error) {
		return s.svc.MailConfig(hindsight.Housekeeping(ctx))
	}}})
	admin, _ := s.signIn("ada@example.com", "Ada Admin", hindsight.Admin)
	call := s.request
	_, _, page := call(admin, "/admin/mail", nil)
	mustContain(t, page, "Mail is <strong>off</strong>", "with the server's settings", `value="ada@example.com"`, "none is set", `href="/admin/mail"`)

	status, _, page := call(admin, "/admin/mail/test", url.Values{"to": {"ada@example.com"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, "no mail server is set") {
		t.Fatalf("a test mail with mail off: %d", status)
	}
	form := url.Values{"host": {srv.Host}, "port": {"seventy"}, "security": {"starttls"}, "username": {mailtest.User}, "password": {mailtest.Password},
		"from": {"not an address"}, "lists": {"published=eng-all@example.com"}}
	status, _, page = call(admin, "/admin/mail", form)
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, `id="mail-port-error"`) || !strings.Contains(page, `value="seventy"`) ||
		strings.Contains(page, mailtest.Password) {
		t.Fatalf("a bad port: %d\n%s", status, page)
	}
	form.Set("port", "587")
	status, _, page = call(admin, "/admin/mail", form)
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, `id="mail-from-error"`) || !strings.Contains(page, `value="not an address"`) {
		t.Fatalf("a bad sender: %d\n%s", status, page)
	}
	form.Set("port", strings.TrimPrefix(srv.Addr, srv.Host+":"))
	form.Set("from", "Hindsight <hindsight@example.com>")
	if status, loc, page := call(admin, "/admin/mail", form); status != http.StatusSeeOther || loc != "/admin/mail?done=saved" {
		t.Fatalf("save: %d %s\n%s", status, loc, page)
	}
	_, _, page = call(admin, "/admin/mail?done=saved", nil)
	mustContain(t, page, "Mail settings saved", "Mail is <strong>on</strong>", "with the settings saved here", "one is set and never shown",
		`value="`+srv.Host+`"`, "Use the server's settings again")
	if strings.Contains(page, mailtest.Password) {
		t.Fatal("the page shows the password")
	}
	if status, loc, _ := call(admin, "/admin/mail/test", url.Values{"to": {"ada@example.com"}}); status != http.StatusSeeOther || loc != "/admin/mail?done=sent" {
		t.Fatalf("test mail: %d %s", status, loc)
	}
	if got := srv.Messages(); len(got) != 1 || got[0].To[0] != "ada@example.com" || got[0].Auth != mailtest.User {
		t.Fatalf("received %+v", got)
	}
	// A refusal from the server is said on the page.
	srv.FailNext(1)
	status, _, page = call(admin, "/admin/mail/test", url.Values{"to": {"ada@example.com"}})
	if status != http.StatusBadGateway || !strings.Contains(page, `id="mail-test-error"`) || !strings.Contains(page, "451") {
		t.Fatalf("a refused test mail: %d\n%s", status, page)
	}

	for _, path := range []string{"/admin/mail", "/admin/mail/test", "/admin/mail/reset"} {
		if status, _, _ := call(s.browser, path, url.Values{"to": {"x@example.com"}}); status != http.StatusForbidden {
			t.Errorf("an editor posting %s: %d", path, status)
		}
	}
	if status, _, _ := call(s.browser, "/admin/mail", nil); status != http.StatusForbidden {
		t.Errorf("an editor opening the mail page: %d", status)
	}
	if status, loc, _ := call(admin, "/admin/mail/reset", url.Values{}); status != http.StatusSeeOther || loc != "/admin/mail?done=reset" {
		t.Fatalf("reset: %d %s", status, loc)
	}
	_, _, page = call(admin, "/admin/mail", nil)
	mustContain(t, page, "Mail is <strong>off</strong>", "with the server's settings")
}
