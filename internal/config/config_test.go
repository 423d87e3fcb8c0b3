package config

import (
	"errors"
	"flag"
	"io"
	"slices"
	"testing"
	"time"

	"hindsight"
)

func parse(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	finish := Register(fs, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	return finish()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DB != "./hindsight.db" || c.IsPostgres() {
		t.Errorf("defaults: %+v", c)
	}
	p := c.Policy()
	if p.MeetingDeadline("SEV1") != 72*time.Hour || p.MeetingDeadline("SEV2") != 120*time.Hour || p.MeetingDeadline("SEV4") != 240*time.Hour || p.ReverifyAfter != 90*24*time.Hour || p.TrashRetention != 30*24*time.Hour {
		t.Errorf("policy: %+v", p)
	}
}

func TestEnvironmentAndFlags(t *testing.T) {
	env := map[string]string{"HINDSIGHT_ADDR": ":9000", "HINDSIGHT_DB": "postgres://db/h", "HINDSIGHT_SEVERITIES": "critical, major,minor", "HINDSIGHT_REVERIFY_AFTER": "30d", "HINDSIGHT_TRASH_DAYS": "7",
		"HINDSIGHT_UPLOAD_TTL": "2d"}
	c, err := parse(t, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9000" || !c.IsPostgres() || !slices.Equal(c.Severities, []string{"critical", "major", "minor"}) || c.ReverifyAfter != 30*24*time.Hour || c.Policy().TrashRetention != 7*24*time.Hour || c.UploadTTL != 48*time.Hour {
		t.Errorf("from environment: %+v", c)
	}
	c, err = parse(t, env, "-addr", "127.0.0.1:1", "-db", "x.db", "-meeting-deadlines", "critical=1d,*=2d", "-trash-days", "90")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:1" || c.DB != "x.db" || c.Policy().MeetingDeadline("critical") != 24*time.Hour || c.Policy().MeetingDeadline("minor") != 48*time.Hour || c.TrashDays != 90 {
		t.Errorf("flags must win: %+v", c)
	}
}

func TestBadValuesNameTheFlag(t *testing.T) {
	for flagName, args := range map[string][]string{
		"-severities":        {"-severities", " , "},
		"-meeting-deadlines": {"-meeting-deadlines", "SEV1=soon"},
		"-reverify-after":    {"-reverify-after", "forever"},
		"-max-upload-bytes":  {"-max-upload-bytes", "0"},
		"-upload-ttl":        {"-upload-ttl", "0h"},
		"-trash-days":        {"-trash-days", "0"},
	} {
		_, err := parse(t, nil, args...)
		var v *hindsight.ValidationError
		if !errors.As(err, &v) || v.Fields[0].Field != flagName {
			t.Errorf("%v: error %v does not name %s", args, err, flagName)
		}
	}
}

// TestMailFromEnvironment reads the server's mail settings, which are in
// force until an admin sets others, and names the flag of a bad one.
func TestMailFromEnvironment(t *testing.T) {
	env := map[string]string{"HINDSIGHT_SMTP_HOST": "smtp.example.com", "HINDSIGHT_SMTP_PORT": "465", "HINDSIGHT_SMTP_SECURITY": "tls",
		"HINDSIGHT_SMTP_USERNAME": "relay", "HINDSIGHT_SMTP_PASSWORD": "pw", "HINDSIGHT_MAIL_FROM": "Hindsight <h@example.com>",
		"HINDSIGHT_MAIL_LISTS": "published,republished=eng@example.com;revisit_due=sre@example.com"}
	c, err := parse(t, env)
	if err != nil {
		t.Fatal(err)
	}
	want := hindsight.MailSettings{Host: "smtp.example.com", Port: 465, Security: "tls", Username: "relay", Password: "pw", From: "Hindsight <h@example.com>",
		Lists: "published,republished=eng@example.com;revisit_due=sre@example.com"}
	if c.Announce.SMTP != want {
		t.Errorf("mail settings %+v", c.Announce.SMTP)
	}
	for flagName, args := range map[string][]string{
		"-smtp-port":     {"-smtp-port", "seventy"},
		"-smtp-security": {"-smtp-security", "ssl"},
		"-mail-from":     {"-smtp-host", "smtp.example.com"},
		"-mail-lists":    {"-mail-lists", "published=nobody"},
		"-smtp-host":     {"-smtp-host", "smtp example.com", "-mail-from", "h@example.com"},
	} {
		_, err := parse(t, nil, args...)
		var v *hindsight.ValidationError
		if !errors.As(err, &v) || v.Fields[0].Field != flagName {
			t.Errorf("%v: error %v does not name %s", args, err, flagName)
		}
	}
}
