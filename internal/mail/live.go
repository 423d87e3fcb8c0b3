package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"

	"hindsight"
)

// ErrOff is the error of a message sent while no mail server is set.
var ErrOff = errors.New("mail is off: no mail server is set")

// ConfigOf is the sender configuration of mail settings; tlsConfig, when
// set, replaces the default TLS settings (a private CA).
func ConfigOf(m hindsight.MailSettings, tlsConfig *tls.Config) (Config, error) {
	lists, err := hindsight.ParseMailLists(m.Lists)
	if err != nil {
		return Config{}, fmt.Errorf("mail lists: %w", err)
	}
	return Config{Host: m.Host, Port: m.Port, Security: m.Security, Username: m.Username, Password: m.Password, From: m.From,
		Lists: lists, TLS: tlsConfig}, nil
}

// Live sends through the mail settings in force at each message, read
// from Settings (the service's, which an admin may change while the
// instance runs): a change counts from the next message, on every
// instance.
type Live struct {
	Settings func(ctx context.Context) (hindsight.MailSettings, error)
	// TLS, when set, replaces the default TLS settings (a private CA).
	TLS *tls.Config
}

// sender is a sender for the settings in force; ErrOff without a server.
func (l *Live) sender(ctx context.Context) (*Sender, error) {
	m, err := l.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if m.Host == "" {
		return nil, ErrOff
	}
	cfg, err := ConfigOf(m, l.TLS)
	if err != nil {
		return nil, err
	}
	return New(cfg)
}

// Send delivers one message through the settings in force.
func (l *Live) Send(ctx context.Context, m Message) error {
	s, err := l.sender(ctx)
	if err != nil {
		return err
	}
	return s.Send(ctx, m)
}

// On reports whether a mail server is set.
func (l *Live) On(ctx context.Context) bool {
	_, err := l.sender(ctx)
	return err == nil
}

// Lists are the addresses that also get unrestricted announcements of the
// kind, as the settings in force say.
func (l *Live) Lists(ctx context.Context, kind hindsight.AnnouncementKind) []string {
	s, err := l.sender(ctx)
	if err != nil {
		return nil
	}
	return s.Lists(ctx, kind)
}
