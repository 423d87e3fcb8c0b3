package mail_test

import (
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/mail"
	"hindsight/internal/mail/mailtest"
)

// TestSendsOverTLSWithAuth sends an announcement through a real SMTP
// server, once over STARTTLS and once over implicit TLS, signing in each
// time, and reads back a message with a plain-text and an HTML part.
func TestSendsOverTLSWithAuth(t *testing.T) {
	a := hindsight.Announcement{ID: "a1", Kind: hindsight.AnnouncePublished, PostMortemID: "pm1", Title: "Checkout <outage>", Severity: "SEV2",
		Summary: "The pool shrank & stalled.", Actor: "Ana", At: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	for _, security := range []string{"starttls", "tls"} {
		t.Run(security, func(t *testing.T) {
			srv := mailtest.Start(t, security == "tls")
			s, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: security, Username: mailtest.User, Password: mailtest.Password,
				From: "Hindsight <hindsight@example.com>", TLS: srv.ClientTLS})
			if err != nil {
				t.Fatal(err)
			}
			m := mail.Render(a, &hindsight.User{Name: "Mei", Email: "mei@example.com"}, "https://h.example.com")
			m.ID, m.To = "a1.u1", []string{"mei@example.com"}
			if err := s.Send(t.Context(), m); err != nil {
				t.Fatal(err)
			}
			got := srv.Messages()
			if len(got) != 1 || !got[0].TLS || got[0].Auth != mailtest.User || got[0].To[0] != "mei@example.com" || got[0].From != "hindsight@example.com" {
				t.Fatalf("received %+v", got)
			}
			h := got[0].Parse.Header
			if h.Get("Subject") != "[Hindsight] Post-mortem published: Checkout <outage>" || h.Get("Message-Id") != "<a1.u1@hindsight>" {
				t.Fatalf("headers %v", h)
			}
			text, html := parts(t, got[0])
			if !strings.Contains(text, "The pool shrank & stalled.") || !strings.Contains(text, "https://h.example.com/postmortems/pm1") {
				t.Fatalf("text part:\n%s", text)
			}
			if !strings.Contains(html, "Checkout &lt;outage&gt;") || !strings.Contains(html, `href="https://h.example.com/postmortems/pm1"`) || strings.Contains(html, "<outage>") {
				t.Fatalf("html part:\n%s", html)
			}
		})
	}
	t.Run("wrong password", func(t *testing.T) {
		srv := mailtest.Start(t, false)
		s, _ := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "starttls", Username: mailtest.User, Password: "nope", From: "h@example.com", TLS: srv.ClientTLS})
		if err := s.Send(t.Context(), mail.Message{To: []string{"mei@example.com"}, Subject: "x", Text: "x"}); err == nil || len(srv.Messages()) != 0 {
			t.Fatalf("sent with a wrong password: %v", err)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := mailtest.Start(t, false)
		s, _ := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "starttls", Username: mailtest.User, Password: mailtest.Password, From: "h@example.com"})
		if err := s.Send(t.Context(), mail.Message{To: []string{"mei@example.com"}, Subject: "x", Text: "x"}); err == nil || len(srv.Messages()) != 0 {
			t.Fatalf("sent to a server whose certificate nobody trusts: %v", err)
		}
	})
}

// parts reads the plain-text and HTML alternatives of a message.
func parts(t *testing.T, r mailtest.Received) (text, html string) {
	t.Helper()
	text, html, err := r.Parts()
	if err != nil {
		t.Fatalf("%v\n%s", err, r.Raw)
	}
	return text, html
}
