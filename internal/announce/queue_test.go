package announce_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/announce"
	"hindsight/internal/enginetest"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
	"hindsight/internal/webhook"
)

// instance is one Hindsight process's service and queue on a store.
type instance struct {
	svc   *hindsight.Service
	store hindsight.Store
	pg    bool
	q     *announce.Queue
}

// engines runs a queue test on SQLite and on PostgreSQL.
func engines(t *testing.T, test func(t *testing.T, in *instance)) {
	enginetest.Stores(t, func(t *testing.T, s hindsight.Store, pg bool) {
		test(t, &instance{svc: hindsight.NewService(s, hindsight.DefaultPolicy()), store: s, pg: pg})
	})
}

// pair runs a test with two instances — each its own connection pool,
// service and queue — on one database: one SQLite file, and one
// PostgreSQL database.
func pair(t *testing.T, test func(t *testing.T, ins [2]*instance)) {
	open := func(t *testing.T, pg bool, open func() (hindsight.Store, error)) {
		var ins [2]*instance
		for i := range ins {
			s, err := open()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.(interface{ Close() error }).Close() })
			ins[i] = &instance{svc: hindsight.NewService(s, hindsight.DefaultPolicy()), store: s, pg: pg}
		}
		test(t, ins)
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		file := filepath.Join(t.TempDir(), "h.db")
		open(t, false, func() (hindsight.Store, error) { return sqlite.Open(t.Context(), file, sqlite.Options{}) })
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		url := pgtest.URL(t)
		open(t, true, func() (hindsight.Store, error) { return postgres.Open(t.Context(), url, postgres.Options{}) })
	})
}

// fast are options for tests: loopback receivers allowed, quick polls and
// retries, no periodic scan.
func fast() announce.Options {
	allow, _ := webhook.ParseAllow("127.0.0.1")
	return announce.Options{BaseURL: "https://h.example.com", Guard: webhook.Guard{Allow: allow}, Timeout: 2 * time.Second,
		Backoff: func(int) time.Duration { return 100 * time.Millisecond }, Poll: 50 * time.Millisecond, ScanEvery: -1, MaxAttempts: 5,
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
}

// start opens and starts the queue, stopping it when the test ends.
func (in *instance) start(t *testing.T, o announce.Options) {
	t.Helper()
	q, err := announce.Open(t.Context(), in.svc, in.store, in.pg, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	in.q = q
	t.Cleanup(func() { in.stop(t) })
}

func (in *instance) stop(t *testing.T) {
	if in.q == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := in.q.Stop(ctx); err != nil {
		t.Errorf("stop the queue: %v", err)
	}
	in.q = nil
}

func as(t *testing.T, svc *hindsight.Service, name string, role hindsight.UserRole) context.Context {
	t.Helper()
	u, err := svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com", Name: name, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u, Via: "test"})
}

func hook(t *testing.T, svc *hindsight.Service, admin context.Context, rc *receiver, format hindsight.WebhookFormat, kinds ...hindsight.AnnouncementKind) *hindsight.Webhook {
	t.Helper()
	w := &hindsight.Webhook{Name: string(format) + " receiver", Format: format, URL: rc.URL + "/hook", Events: kinds}
	if err := svc.SaveWebhook(admin, w); err != nil {
		t.Fatal(err)
	}
	rc.secret = w.Secret
	return w
}

// publish creates a SEV3 post-mortem as published (the default rule asks
// no approval of SEV3).
func publish(t *testing.T, svc *hindsight.Service, ctx context.Context, title string, access hindsight.Access) *hindsight.PostMortem {
	t.Helper()
	p := &hindsight.PostMortem{Title: title, Severity: "SEV3", Status: hindsight.StatusPublished, Team: "Payments", Summary: "Workers stalled.", Access: access}
	if err := svc.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWebhookDeliveries publishes through the service and checks what a
// real receiver gets: a signed JSON event and a Slack message for each
// published post-mortem, nothing for a restricted one, retries after
// 500s and a timeout with every attempt in the log, and a redelivery with
// the same event id.
func TestWebhookDeliveries(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		admin, author := as(t, svc, "Ada Admin", hindsight.Admin), as(t, svc, "Ana Author", hindsight.Editor)
		rc, slack := newReceiver(t, ""), newReceiver(t, "")
		h := hook(t, svc, admin, rc, hindsight.FormatJSON, hindsight.AnnouncePublished, hindsight.AnnounceReviewRequested)
		hook(t, svc, admin, slack, hindsight.FormatSlack, hindsight.AnnouncePublished)
		in.start(t, fast())

		p := publish(t, svc, author, "Queue backlog", hindsight.Access{})
		waitFor(t, "both deliveries", func() bool { return len(rc.deliveries()) == 1 && len(slack.deliveries()) == 1 })
		d := rc.deliveries()[0]
		var e webhook.Event
		if err := json.Unmarshal(d.Body, &e); err != nil {
			t.Fatal(err)
		}
		if d.Event != "published" || e.Type != hindsight.AnnouncePublished || e.PostMortem.ID != p.ID || e.PostMortem.Version != 1 ||
			e.PostMortem.URL != "https://h.example.com/postmortems/"+p.ID || e.Actor != "Ana Author" || d.ID != e.ID {
			t.Fatalf("delivery %+v: %s", d, d.Body)
		}
		if !strings.Contains(string(slack.deliveries()[0].Body), "Post-mortem published: Queue backlog") {
			t.Fatalf("slack got %s", slack.deliveries()[0].Body)
		}

		// A restricted post-mortem reaches no webhook.
		publish(t, svc, author, "Credential leak", hindsight.Access{Restricted: true})
		// Failures: two 500s, then a reply slower than the timeout, then
		// success.
		rc.mu.Lock()
		rc.fail = func(n int) (int, time.Duration) {
			switch n {
			case 2, 3:
				return 500, 0
			case 4:
				return 0, 3 * time.Second
			}
			return 0, 0
		}
		rc.mu.Unlock()
		q := publish(t, svc, author, "Cache stampede", hindsight.Access{})
		waitFor(t, "the retried delivery", func() bool { return len(rc.deliveries()) == 3 })
		got := rc.deliveries()
		if !strings.Contains(string(got[len(got)-1].Body), q.ID) || strings.Contains(string(got[1].Body), "Credential leak") {
			t.Fatalf("deliveries %d: %s", len(got), got[1].Body)
		}
		log, err := svc.Deliveries(admin, hindsight.DeliveryFilter{WebhookID: h.ID})
		if err != nil {
			t.Fatal(err)
		}
		var attempts []string
		for _, x := range log.Items {
			if x.PostMortemID == q.ID {
				attempts = append(attempts, describe(x))
			}
			if strings.Contains(x.Body, "Credential leak") {
				t.Fatalf("a restricted post-mortem was posted: %+v", x)
			}
		}
		if strings.Join(attempts, " ") != "4:ok:200 3:timeout 2:500 1:500" {
			t.Fatalf("the log says %v", attempts)
		}
		if _, err := svc.Deliveries(author, hindsight.DeliveryFilter{}); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("an editor reading the log: %v", err)
		}
		if err := svc.Redeliver(admin, log.Items[0].ID); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the redelivery", func() bool { return len(rc.deliveries()) == 4 })
		if got := rc.deliveries(); got[3].ID != got[2].ID || string(got[3].Body) != string(got[2].Body) {
			t.Fatalf("the redelivery %+v differs from %+v", got[3], got[2])
		}
		if rc.bad != 0 || slack.bad != 0 {
			t.Fatalf("%d deliveries failed the signature check", rc.bad+slack.bad)
		}
	})
}

func describe(d hindsight.Delivery) string {
	s := strconv.Itoa(d.Attempt)
	switch {
	case d.OK:
		return s + ":ok:" + strconv.Itoa(d.Status)
	case d.Status != 0:
		return s + ":" + strconv.Itoa(d.Status)
	case strings.Contains(d.Error, "Timeout") || strings.Contains(d.Error, "deadline"):
		return s + ":timeout"
	}
	return s + ":" + d.Error
}
