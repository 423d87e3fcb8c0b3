package announce_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/mail"
	"hindsight/internal/mail/mailtest"
)

// TestMailSettingsFromAdmin runs the queue with mail.Live, as serve does,
// on both engines and two real SMTP servers: the server's settings (the
// environment) are in force until an admin saves others, which count from
// the next message — a test mail and an announcement reach the new
// server, signed in with the kept password — a wrong password makes the
// test mail fail with the server's answer, bad settings are refused
// naming each field, the password is never shown or audited, and putting
// the server's settings back sends through them again.
func TestMailSettingsFromAdmin(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		admin, author := as(t, svc, "Ada Admin", hindsight.Admin), as(t, svc, "Ana Author", hindsight.Editor)
		envServer, adminServer := mailtest.Start(t, false), mailtest.Start(t, true)
		pool := x509.NewCertPool()
		pool.AddCert(envServer.Cert)
		pool.AddCert(adminServer.Cert)
		svc.MailDefaults = hindsight.MailSettings{Host: envServer.Host, Port: envServer.Port, Security: "starttls", Username: mailtest.User,
			Password: mailtest.Password, From: "env@example.com"}
		o := fast()
		o.Mail = &mail.Live{TLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12},
			Settings: func(ctx context.Context) (hindsight.MailSettings, error) {
				return svc.MailConfig(hindsight.Housekeeping(ctx))
			}}
		in.start(t, o)

		view, err := svc.MailSettings(admin)
		if err != nil || view.Source != "environment" || !view.On || !view.PasswordSet || view.Password != "" || view.Host != envServer.Host {
			t.Fatalf("the server's settings: %+v %v", view, err)
		}
		if _, err := svc.MailSettings(author); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("an editor reading the mail settings: %v", err)
		}
		if err := svc.SendTestMail(admin, "ada.admin@example.com"); err != nil {
			t.Fatal(err)
		}
		if got := envServer.Messages(); len(got) != 1 || got[0].From != "env@example.com" || got[0].To[0] != "ada.admin@example.com" ||
			got[0].Parse.Header.Get("Subject") != "[Hindsight] Test mail" {
			t.Fatalf("the test mail through the server's settings: %+v", got)
		}

		// Bad settings, each named.
		_, err = svc.SetMailSettings(admin, hindsight.MailSettings{Host: "smtp example.com", Port: 70000, Security: "ssl", From: "nobody", Lists: "published=eng"})
		var v *hindsight.ValidationError
		if !errors.As(err, &v) {
			t.Fatalf("bad settings: %v", err)
		}
		var fields []string
		for _, f := range v.Fields {
			fields = append(fields, f.Field)
		}
		if strings.Join(fields, " ") != "host port security from lists" {
			t.Fatalf("bad settings named %v: %v", fields, err)
		}
		if _, err := svc.SetMailSettings(author, hindsight.MailSettings{}); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("an editor changing the mail settings: %v", err)
		}

		// The admin's server, its password typed once and kept after.
		set := hindsight.MailSettings{Host: adminServer.Host, Port: adminServer.Port, Security: "tls", Username: mailtest.User, Password: "wrong password",
			From: "Hindsight <admin-set@example.com>", Lists: "published=eng-all@example.com"}
		if _, err := svc.SetMailSettings(admin, set); err != nil {
			t.Fatal(err)
		}
		err = svc.SendTestMail(admin, "ada.admin@example.com")
		if !errors.Is(err, hindsight.ErrUpstream) || !strings.Contains(err.Error(), "535") || len(adminServer.Messages()) != 0 {
			t.Fatalf("a test mail with a wrong password: %v", err)
		}
		set.Password = mailtest.Password
		if _, err := svc.SetMailSettings(admin, set); err != nil {
			t.Fatal(err)
		}
		set.Password, set.From = "", "Hindsight <hindsight@example.com>"
		view, err = svc.SetMailSettings(admin, set)
		if err != nil || view.Source != "admin" || !view.PasswordSet || view.Password != "" || view.Security != "tls" {
			t.Fatalf("saved: %+v %v", view, err)
		}
		if err := svc.SendTestMail(admin, "ada.admin@example.com"); err != nil {
			t.Fatal(err)
		}
		p := publish(t, svc, author, "Queue backlog", hindsight.Access{})
		waitFor(t, "the publication's mail", func() bool { return len(adminServer.Messages()) == 3 })
		got := adminServer.Messages()
		if got[0].From != "hindsight@example.com" || !got[0].TLS || got[0].Auth != mailtest.User {
			t.Fatalf("the test mail through the admin's settings: %+v", got[0])
		}
		if r := recipients(got[1:]); r != "ana.author@example.com eng-all@example.com" || !strings.Contains(got[1].Raw, p.ID) {
			t.Fatalf("the publication went to %s", r)
		}
		if len(envServer.Messages()) != 1 {
			t.Fatal("the server's settings were used after an admin replaced them")
		}

		// Audited, never with the password.
		audit, err := svc.Audit(admin, hindsight.AuditFilter{Action: "mail.settings"})
		if err != nil || len(audit.Items) != 3 {
			t.Fatalf("audit: %+v %v", audit.Items, err)
		}
		for _, e := range audit.Items {
			if strings.Contains(e.Detail, mailtest.Password) || strings.Contains(e.Detail, "wrong password") {
				t.Errorf("the audit log shows a password: %s", e.Detail)
			}
		}
		if d := audit.Items[0].Detail; !strings.Contains(d, "password kept") || !strings.Contains(d, adminServer.Host) {
			t.Errorf("the last change is audited as %q", d)
		}

		// The server's settings back; mail off when neither has a server.
		if err := svc.ResetMailSettings(admin); err != nil {
			t.Fatal(err)
		}
		if err := svc.SendTestMail(admin, "ada.admin@example.com"); err != nil || len(envServer.Messages()) != 2 {
			t.Fatalf("after putting the server's settings back: %v, %d", err, len(envServer.Messages()))
		}
		if _, err := svc.SetMailSettings(admin, hindsight.MailSettings{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.SendTestMail(admin, "ada.admin@example.com"); !errors.Is(err, hindsight.ErrInvalid) || svc.MailOn(admin) {
			t.Fatalf("a test mail with mail off: %v", err)
		}
		publish(t, svc, author, "Cache stampede", hindsight.Access{})
		time.Sleep(500 * time.Millisecond)
		if len(envServer.Messages()) != 2 || len(adminServer.Messages()) != 3 {
			t.Fatal("mail went out while it was off")
		}
	})
}
