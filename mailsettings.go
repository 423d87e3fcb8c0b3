package hindsight

import (
	"context"
	"encoding/json"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
)

// MailSettings are the mail server announcements go through and who they
// come from. The server's HINDSIGHT_SMTP_* and HINDSIGHT_MAIL_* are the
// defaults (Service.MailDefaults); an admin may replace them on the mail
// page, and put them back. Mail is off while Host is empty.
type MailSettings struct {
	Host string `json:"host"`
	Port int    `json:"port"`
	// Security is "starttls" (required: a server that does not offer it
	// is refused), "tls" (implicit TLS, port 465) or "none" (a relay on
	// the same host).
	Security string `json:"security"`
	// Username, when set, signs in to the server with Password.
	Username string `json:"username"`
	Password string `json:"password,omitempty"`
	From     string `json:"from"`
	// Lists are the addresses each kind of unrestricted announcement also
	// goes to, as typed: "published,republished=eng@example.com;
	// revisit_due=sre@example.com" (see ParseMailLists).
	Lists string `json:"lists"`
}

// MailSecurities are the ways to talk to the mail server.
var MailSecurities = []string{"starttls", "tls", "none"}

// MailSettingsView is what an admin is shown of the mail settings in
// force: never the password, only whether there is one.
type MailSettingsView struct {
	MailSettings
	PasswordSet bool `json:"password_set"`
	// Source is "environment" (the server's settings) or "admin" (set on
	// the mail page).
	Source string `json:"source"`
	// On says mail is sent: a server is set.
	On bool `json:"on"`
}

// settingMail names the setting that keeps an admin's mail settings (as
// JSON); unset means the server's.
const settingMail = "mail"

// ParseMailLists reads "published,republished=eng@example.com;
// revisit_due=sre@example.com": for each kind of announcement, the
// addresses that also get it.
func ParseMailLists(s string) (map[AnnouncementKind][]string, error) {
	out := map[AnnouncementKind][]string{}
	for _, part := range strings.Split(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		kinds, addrs, ok := strings.Cut(part, "=")
		if !ok || !strings.Contains(addrs, "@") {
			return nil, fmt.Errorf("%q is not KIND[,KIND]=ADDRESS[,ADDRESS]", strings.TrimSpace(part))
		}
		for _, k := range strings.Split(kinds, ",") {
			kind := AnnouncementKind(strings.TrimSpace(k))
			if !slices.Contains(AnnouncementKinds, kind) {
				return nil, fmt.Errorf("%q is not an announcement kind: %s", strings.TrimSpace(k), joinValues(AnnouncementKinds))
			}
			for _, addr := range strings.FieldsFunc(addrs, func(r rune) bool { return r == ',' || r == ' ' }) {
				if _, err := mail.ParseAddress(addr); err != nil {
					return nil, fmt.Errorf("%q is not an e-mail address", addr)
				}
				out[kind] = append(out[kind], addr)
			}
		}
	}
	return out, nil
}

// Check tidies the settings and names every field that is wrong (the
// fields are the JSON names).
func (m *MailSettings) Check() *ValidationError {
	m.Host, m.Security, m.Username, m.From, m.Lists = strings.TrimSpace(m.Host), strings.TrimSpace(m.Security), strings.TrimSpace(m.Username),
		strings.TrimSpace(m.From), strings.TrimSpace(m.Lists)
	if m.Security == "" {
		m.Security = "starttls"
	}
	if m.Port == 0 {
		m.Port = 587
	}
	v := &ValidationError{}
	if len(m.Host) > 253 || strings.ContainsAny(m.Host, " /@:\t\r\n\x00") {
		v.Add("host", "must be a host name or address, like smtp.example.com")
	}
	if m.Port < 1 || m.Port > 65535 {
		v.Add("port", "must be a port number, not %d", m.Port)
	}
	if !slices.Contains(MailSecurities, m.Security) {
		v.Add("security", "must be %s, not %q", strings.Join(MailSecurities, ", "), m.Security)
	}
	for _, f := range []struct{ field, value string }{{"username", m.Username}, {"password", m.Password}} {
		if len(f.value) > MaxTitleLen || !clean(f.value) {
			v.Add(f.field, "must be at most %d bytes of text", MaxTitleLen)
		}
	}
	if _, err := mail.ParseAddress(m.From); m.From != "" && (err != nil || len(m.From) > MaxTitleLen) {
		v.Add("from", "%q is not an e-mail address", m.From)
	} else if m.Host != "" && m.From == "" {
		v.Add("from", "is required with a mail server: the address announcements come from")
	}
	if len(m.Lists) > 4000 || !clean(m.Lists) {
		v.Add("lists", "must be at most 4000 bytes of text")
	} else if _, err := ParseMailLists(m.Lists); err != nil {
		v.Add("lists", "%v", err)
	}
	return v
}

// MailSettings returns the mail settings in force, without the password;
// admins may.
func (s *Service) MailSettings(ctx context.Context) (MailSettingsView, error) {
	if _, err := requireAdminReader(ctx); err != nil {
		return MailSettingsView{}, err
	}
	m, source, err := s.mailSettings(ctx)
	if err != nil {
		return MailSettingsView{}, err
	}
	v := MailSettingsView{MailSettings: m, PasswordSet: m.Password != "", Source: source, On: m.Host != ""}
	v.Password = ""
	return v, nil
}

// MailConfig returns the mail settings in force, with the password, for
// sending; only housekeeping (the queue) and admins may.
func (s *Service) MailConfig(ctx context.Context) (MailSettings, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return MailSettings{}, err
	}
	m, _, err := s.mailSettings(ctx)
	return m, err
}

// mailSettings are an admin's settings when there are any, else the
// server's, and which.
func (s *Service) mailSettings(ctx context.Context) (MailSettings, string, error) {
	raw, err := s.store.Setting(ctx, settingMail)
	if err != nil {
		return MailSettings{}, "", err
	}
	if raw == "" {
		return s.MailDefaults, "environment", nil
	}
	var m MailSettings
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return MailSettings{}, "", fmt.Errorf("the stored mail settings: %w", err)
	}
	return m, "admin", nil
}

// SetMailSettings replaces the mail settings in force; admins may. A
// password left empty keeps the one in force (clearing the user name
// turns signing in off). They count from the next message; the change is
// audited, without the password.
func (s *Service) SetMailSettings(ctx context.Context, m MailSettings) (MailSettingsView, error) {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return MailSettingsView{}, err
	}
	if err := m.Check().OrNil(); err != nil {
		return MailSettingsView{}, err
	}
	cur, _, err := s.mailSettings(ctx)
	if err != nil {
		return MailSettingsView{}, err
	}
	changed := "password kept"
	switch {
	case m.Username == "":
		m.Password, changed = "", "no sign-in"
	case m.Password == "":
		m.Password = cur.Password
	default:
		changed = "password changed"
	}
	raw, _ := json.Marshal(m)
	detail := fmt.Sprintf("server %s, %s, user %s, %s, from %s, lists %s", orNone(hostPort(m)), m.Security, orNone(m.Username), changed, orNone(m.From), orNone(m.Lists))
	if err := s.store.SetSetting(ctx, settingMail, string(raw), s.event(who, "mail.settings", "mail", detail)); err != nil {
		return MailSettingsView{}, err
	}
	return s.MailSettings(ctx)
}

// ResetMailSettings puts the server's mail settings (the environment)
// back in force; admins may, and it is audited.
func (s *Service) ResetMailSettings(ctx context.Context) error {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return err
	}
	return s.store.SetSetting(ctx, settingMail, "", s.event(who, "mail.settings", "mail", "back to the server's settings"))
}

// SendTestMail sends a message to an address at once, through the mail
// settings in force, and reports how the server answered; admins may.
func (s *Service) SendTestMail(ctx context.Context, to string) error {
	if _, err := requireRole(ctx, Admin); err != nil {
		return err
	}
	addr, err := mail.ParseAddress(strings.TrimSpace(to))
	if err != nil || !clean(to) {
		return Invalid("to", "%q is not an e-mail address", to)
	}
	if !s.MailOn(ctx) {
		return Invalid("host", "no mail server is set: save one first")
	}
	if err := s.Announcer.TestMail(ctx, addr.Address); err != nil {
		return fmt.Errorf("%w: the test mail to %s was not sent: %v", ErrUpstream, addr.Address, err)
	}
	return nil
}

func hostPort(m MailSettings) string {
	if m.Host == "" {
		return ""
	}
	return m.Host + ":" + strconv.Itoa(m.Port)
}
