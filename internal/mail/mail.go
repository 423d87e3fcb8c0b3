// Package mail sends Hindsight's announcements by e-mail over SMTP —
// STARTTLS or implicit TLS, with authentication — each as plain text and
// HTML, to the people concerned and to configured lists.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"hindsight"
)

// Message is one e-mail, the same words as plain text and HTML.
type Message struct {
	// ID makes the Message-ID, stable across retries so a mail client
	// shows a message sent twice once.
	ID      string   `json:"id"`
	To      []string `json:"to"`
	Subject string   `json:"subject"`
	Text    string   `json:"text"`
	HTML    string   `json:"html"`
	// ReplyTo, when set, is where replies go (a meeting's organizer).
	ReplyTo string `json:"reply_to,omitempty"`
	// Calendar, when set, is an iCalendar object sent as a third
	// alternative, text/calendar with its Method (iMIP, RFC 6047), and as
	// an invite.ics attachment for programs that read only those: a
	// meeting request calendar programs offer to accept or decline.
	Calendar string                  `json:"calendar,omitempty"`
	Method   hindsight.MeetingMethod `json:"method,omitempty"`
}

// Config is the server and the sender.
type Config struct {
	Host string
	Port int
	// Security is "starttls" (required: a server that does not offer it
	// is refused), "tls" (implicit TLS) or "none".
	Security           string
	Username, Password string
	From               string
	// TLS, when set, replaces the default TLS settings (a private CA).
	TLS *tls.Config
	// Lists are the addresses each kind of unrestricted announcement also
	// goes to.
	Lists map[hindsight.AnnouncementKind][]string
	// Timeout bounds one conversation with the server (default 30s).
	Timeout time.Duration
}

// Sender sends messages through one server.
type Sender struct{ cfg Config }

// New checks the configuration and returns a sender.
func New(cfg Config) (*Sender, error) {
	if cfg.Host == "" || cfg.From == "" {
		return nil, errors.New("mail needs a server and a sender address")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Sender{cfg: cfg}, nil
}

// Send delivers one message.
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("sender %q: %w", s.cfg.From, err)
	}
	if err := msg.To(m.To...); err != nil {
		return fmt.Errorf("recipients %v: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	if m.ID != "" {
		msg.SetMessageIDWithValue(m.ID + "@hindsight")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return fmt.Errorf("reply-to %q: %w", m.ReplyTo, err)
		}
	}
	if m.Calendar != "" {
		calendarType := gomail.ContentType("text/calendar; method=" + string(m.Method))
		msg.AddAlternativeString(calendarType, m.Calendar)
		if err := msg.AttachReader("invite.ics", strings.NewReader(m.Calendar), gomail.WithFileContentType(gomail.ContentType("application/ics"))); err != nil {
			return err
		}
	}
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.Security {
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.TLS != nil {
		opts = append(opts, gomail.WithTLSConfig(s.cfg.TLS))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}

// Lists are the addresses that also get unrestricted announcements of the
// kind.
func (s *Sender) Lists(_ context.Context, kind hindsight.AnnouncementKind) []string {
	return s.cfg.Lists[kind]
}

// On reports that a sender sends: it has a server.
func (s *Sender) On(context.Context) bool { return s.cfg.Host != "" }
