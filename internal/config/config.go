// Package config is Hindsight's one configuration struct, filled from
// command-line flags and HINDSIGHT_* environment variables (a flag wins
// over its variable), with no globals so tests build their own.
package config

import (
	"context"
	"flag"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/logging"
	"hindsight/internal/postgres"
	"hindsight/internal/sqlite"
)

// Config is everything an instance needs to start.
type Config struct {
	Addr            string
	DB              string
	BaseURL         string
	Severities      []string
	Deadlines       map[string]time.Duration
	DefaultDeadline time.Duration
	ReverifyAfter   time.Duration
	// TrashDays is how many days a deleted post-mortem stays in the trash.
	TrashDays      int
	MaxUploadBytes int64
	// UploadTTL is how long an image uploaded but never linked by a save
	// is kept before the server purges it as abandoned.
	UploadTTL time.Duration
	SignIn    SignIn
	Announce  Announce
	// RateLimits turns the per-client limits on searches, changes and
	// sign-in attempts on (the default) or off.
	RateLimits bool
	// MaxRequests is how many requests are worked on at once; QueueWait
	// how long one more waits for a turn before it is answered 503.
	MaxRequests int
	QueueWait   time.Duration
	// LogLevel (debug, info, warn, error) and LogFormat (text, json).
	LogLevel, LogFormat string
}

// Default is the configuration with nothing set.
func Default() Config {
	pol := hindsight.DefaultPolicy()
	return Config{
		Addr:            "127.0.0.1:8080",
		DB:              "./hindsight.db",
		Severities:      pol.Severities,
		Deadlines:       pol.MeetingDeadlines,
		DefaultDeadline: pol.DefaultMeetingDeadline,
		ReverifyAfter:   pol.ReverifyAfter,
		TrashDays:       int(pol.TrashRetention.Hours() / 24),
		MaxUploadBytes:  5 << 20,
		UploadTTL:       hindsight.DefaultUploadTTL,
		SignIn:          DefaultSignIn(),
		Announce:        Announce{PublishRules: pol.PublishRules, Revisits: pol.Revisits},
		RateLimits:      true,
		MaxRequests:     max(16, 8*runtime.GOMAXPROCS(0)),
		QueueWait:       10 * time.Second,
		LogLevel:        "info",
		LogFormat:       "text",
	}
}

// Register defines the flags on fs, with defaults taken from the
// environment, and returns a function that finishes the Config after
// fs.Parse, reporting bad values by flag name.
func Register(fs *flag.FlagSet, lookup func(string) (string, bool)) func() (Config, error) {
	c := Default()
	get := func(name, def string) string {
		if v, ok := lookup(name); ok && v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.Addr, "addr", get("HINDSIGHT_ADDR", c.Addr), "address to listen on (HINDSIGHT_ADDR)")
	fs.StringVar(&c.DB, "db", get("HINDSIGHT_DB", c.DB), "SQLite file path, or a postgres:// URL (HINDSIGHT_DB)")
	fs.StringVar(&c.BaseURL, "base-url", get("HINDSIGHT_BASE_URL", ""), "public URL of this instance, for links in feeds (HINDSIGHT_BASE_URL)")
	sev := fs.String("severities", get("HINDSIGHT_SEVERITIES", strings.Join(c.Severities, ",")), "allowed severities, most severe first (HINDSIGHT_SEVERITIES)")
	deadlines := fs.String("meeting-deadlines", get("HINDSIGHT_MEETING_DEADLINES", "SEV1=3d,SEV2=5d,*=10d"), "time from incident end to post-mortem meeting per severity; * for the rest (HINDSIGHT_MEETING_DEADLINES)")
	reverify := fs.String("reverify-after", get("HINDSIGHT_REVERIFY_AFTER", "90d"), "how long a done countermeasure goes before it is due for re-verification (HINDSIGHT_REVERIFY_AFTER)")
	trashDays := fs.String("trash-days", get("HINDSIGHT_TRASH_DAYS", strconv.Itoa(c.TrashDays)), "days a deleted post-mortem stays in the trash before it is purged (HINDSIGHT_TRASH_DAYS)")
	upload := fs.Int64("max-upload-bytes", c.MaxUploadBytes, "largest image upload in bytes")
	uploadTTL := fs.String("upload-ttl", get("HINDSIGHT_UPLOAD_TTL", "24h"), "how long an image uploaded but never saved is kept (HINDSIGHT_UPLOAD_TTL)")
	signIn := registerSignIn(fs, get, &c.SignIn)
	announce := registerAnnounce(fs, get, &c.Announce)
	fs.StringVar(&c.LogLevel, "log-level", get("HINDSIGHT_LOG_LEVEL", c.LogLevel), "log from this level on: debug, info, warn or error (HINDSIGHT_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", get("HINDSIGHT_LOG_FORMAT", c.LogFormat), "log as text or json (HINDSIGHT_LOG_FORMAT)")
	limits := fs.String("rate-limits", get("HINDSIGHT_RATE_LIMITS", "on"), "per-client limits on searches, changes and sign-in attempts: on or off (HINDSIGHT_RATE_LIMITS)")
	maxRequests := fs.String("max-requests", get("HINDSIGHT_MAX_REQUESTS", strconv.Itoa(c.MaxRequests)), "requests worked on at once; more wait their turn (HINDSIGHT_MAX_REQUESTS)")
	queueWait := fs.String("queue-wait", get("HINDSIGHT_QUEUE_WAIT", c.QueueWait.String()), "how long a request waits for a turn before it is answered 503 (HINDSIGHT_QUEUE_WAIT)")
	return func() (Config, error) {
		v := &hindsight.ValidationError{}
		if n, err := strconv.Atoi(strings.TrimSpace(*maxRequests)); err != nil || n < 1 {
			v.Add("-max-requests", "must be a whole number, 1 or more, not %q", *maxRequests)
		} else {
			c.MaxRequests = n
		}
		if d, err := time.ParseDuration(strings.TrimSpace(*queueWait)); err != nil || d <= 0 {
			v.Add("-queue-wait", "must be a positive duration like 10s, not %q", *queueWait)
		} else {
			c.QueueWait = d
		}
		signIn(v)
		announce(v)
		if _, err := logging.New(io.Discard, c.LogFormat, c.LogLevel); err != nil {
			v.Add("-log-level", "%v", err)
		}
		switch *limits {
		case "on", "off":
			c.RateLimits = *limits == "on"
		default:
			v.Add("-rate-limits", "must be on or off, not %q", *limits)
		}
		c.Severities = nil
		for _, s := range strings.Split(*sev, ",") {
			if s = strings.TrimSpace(s); s != "" {
				c.Severities = append(c.Severities, s)
			}
		}
		if len(c.Severities) == 0 {
			v.Add("-severities", "must list at least one severity")
		}
		c.Deadlines = map[string]time.Duration{}
		for _, part := range strings.Split(*deadlines, ",") {
			k, d, ok := strings.Cut(strings.TrimSpace(part), "=")
			dur, err := ParseDays(d)
			if !ok || err != nil {
				v.Add("-meeting-deadlines", "%q is not SEVERITY=DURATION like SEV1=3d", part)
				continue
			}
			if k == "*" {
				c.DefaultDeadline = dur
			} else {
				c.Deadlines[k] = dur
			}
		}
		d, err := ParseDays(*reverify)
		if err != nil {
			v.Add("-reverify-after", "%v", err)
		}
		c.ReverifyAfter = d
		if c.UploadTTL, err = ParseDays(*uploadTTL); err != nil || c.UploadTTL <= 0 {
			v.Add("-upload-ttl", "must be a positive duration like 24h or 2d")
		}
		if n, err := strconv.Atoi(strings.TrimSpace(*trashDays)); err != nil || n < 1 {
			v.Add("-trash-days", "must be a whole number of days, 1 or more, not %q", *trashDays)
		} else {
			c.TrashDays = n
		}
		c.MaxUploadBytes = *upload
		if c.MaxUploadBytes <= 0 {
			v.Add("-max-upload-bytes", "must be positive")
		}
		if c.Addr == "" {
			v.Add("-addr", "is required")
		}
		return c, v.OrNil()
	}
}

// ParseDays reads a duration that may be given in days ("90d") as well as
// Go's units ("36h").
func ParseDays(s string) (time.Duration, error) { return hindsight.ParseDays(s) }

// Policy is the organisation's rules this configuration sets.
func (c Config) Policy() hindsight.Policy {
	return hindsight.Policy{
		Severities:             c.Severities,
		MeetingDeadlines:       c.Deadlines,
		DefaultMeetingDeadline: c.DefaultDeadline,
		ReverifyAfter:          c.ReverifyAfter,
		TrashRetention:         time.Duration(c.TrashDays) * 24 * time.Hour,
		PublishRules:           c.Announce.PublishRules,
		Revisits:               c.Announce.Revisits,
	}
}

// IsPostgres reports whether DB names a PostgreSQL database.
func (c Config) IsPostgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// OpenStore opens the store DB names: PostgreSQL for a postgres:// URL,
// otherwise a SQLite file.
func (c Config) OpenStore(ctx context.Context) (hindsight.Store, error) {
	if c.IsPostgres() {
		return postgres.Open(ctx, c.DB, postgres.Options{})
	}
	return sqlite.Open(ctx, c.DB, sqlite.Options{})
}

// OSEnv looks variables up in the process environment.
func OSEnv(name string) (string, bool) { return os.LookupEnv(name) }

// PublicURL is the address people reach this instance at: the base URL,
// or the listening address.
func (c Config) PublicURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	return "http://" + c.Addr
}
