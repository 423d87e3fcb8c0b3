// Package announce tells people about post-mortems wherever they work:
// it queues every announcement in the transaction of the write that
// causes it and delivers it — to webhooks (chat and any receiver) and by
// e-mail — from River, a job queue kept in the same database on both
// engines. The queue survives restarts, retries with exponential backoff
// and runs each job once however many instances share the database; the
// scheduled scans (overdue countermeasures, the weekly digest) are
// housekeeping jobs, run by one instance per period.
package announce

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"hindsight"
	"hindsight/internal/webhook"
)

// Options configure the queue.
type Options struct {
	// BaseURL makes links in messages absolute.
	BaseURL string
	// Guard says which addresses webhooks may reach.
	Guard webhook.Guard
	// Timeout bounds one delivery (default 10s).
	Timeout time.Duration
	// MaxAttempts is how often a delivery is tried before it is given up
	// (default 10: about a day and a half with the default backoff).
	MaxAttempts int
	// Backoff is the wait before retry n (1, 2, …); default 30s·2ⁿ⁻¹
	// with ±10 % jitter, at most 6 hours.
	Backoff func(attempt int) time.Duration
	// Poll is how often an idle instance looks for jobs (default 1s).
	Poll time.Duration
	// ScanEvery is how often housekeeping looks for overdue
	// countermeasures (default hourly); 0 keeps the default, <0 turns the
	// queue's scheduled jobs off.
	ScanEvery time.Duration
	// Mail sends e-mail; nil sends none.
	Mail Mailer
	// Logger logs the queue's own troubles (default slog's).
	Logger *slog.Logger
}

// Queue is the announcement queue of one instance.
type Queue struct {
	client *river.Client[*sql.Tx]
	svc    *hindsight.Service
	db     *sql.DB
	opts   Options
	http   *http.Client
}

// queueDB is what a store shares with the queue: its write pool.
type queueDB interface{ QueueDB() *sql.DB }

// Open migrates River's tables in the store's database (both engines;
// several instances starting at once on PostgreSQL take turns), builds
// the queue and makes it the service's announcer. Nothing is worked
// until Start.
func Open(ctx context.Context, svc *hindsight.Service, store hindsight.Store, postgres bool, opts Options) (*Queue, error) {
	qdb, ok := store.(queueDB)
	if !ok {
		return nil, errors.New("this store cannot hold the announcement queue")
	}
	db := qdb.QueueDB()
	var driver riverdriver.Driver[*sql.Tx]
	if postgres {
		driver = riverdatabasesql.New(db)
	} else {
		driver = riversqlite.New(db)
	}
	if err := migrate(ctx, db, driver, postgres); err != nil {
		return nil, fmt.Errorf("migrate the announcement queue: %w", err)
	}
	opts = withDefaults(opts)
	q := &Queue{svc: svc, db: db, opts: opts}
	if opts.Guard.More == nil {
		opts.Guard.More = q.allowedByAdmin
	}
	q.http = opts.Guard.Client(opts.Timeout)
	svc.CheckWebhookURL = opts.Guard.CheckURL
	workers := river.NewWorkers()
	river.AddWorker(workers, &fanoutWorker{q: q})
	river.AddWorker(workers, &deliverWorker{q: q})
	river.AddWorker(workers, &mailWorker{q: q})
	river.AddWorker(workers, &inviteWorker{q: q})
	cfg := &river.Config{
		Queues:                      map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:                     workers,
		FetchPollInterval:           opts.Poll,
		FetchCooldown:               opts.Poll / 2,
		PollOnly:                    true,
		JobTimeout:                  opts.Timeout + 30*time.Second,
		MaxAttempts:                 opts.MaxAttempts,
		RetryPolicy:                 backoffPolicy(opts.Backoff),
		CompletedJobRetentionPeriod: completedRetention,
		Logger:                      opts.Logger,
	}
	var err error
	if q.client, err = river.NewClient(driver, cfg); err != nil {
		return nil, err
	}
	svc.Announcer = q
	return q, nil
}

// allowedByAdmin are the internal networks an admin allowed on the
// webhooks page, read at each connection so a change counts at once; a
// setting that cannot be read allows nothing more.
func (q *Queue) allowedByAdmin() []netip.Prefix {
	v, err := q.svc.WebhookAllow(hindsight.Housekeeping(context.Background()))
	if err != nil {
		q.opts.Logger.Warn("read the networks webhooks may reach", "err", err)
		return nil
	}
	out, _ := hindsight.ParseNetworks(v)
	return out
}

// completedRetention is how long a finished job stays: long enough that
// an event's unique key (an overdue countermeasure in its 30-day
// reminder period) is never announced twice.
const completedRetention = 45 * 24 * time.Hour

// migrationLock serialises River's migrations across instances on
// PostgreSQL.
const migrationLock = 0x48535251 // "HSRQ"

// migrate brings River's tables up to date. On PostgreSQL several
// instances may start at once, so they take turns under an advisory lock;
// River applies each migration in its own transaction there (one adds an
// enum value a later statement uses). SQLite migrates in one transaction.
func migrate(ctx context.Context, db *sql.DB, driver riverdriver.Driver[*sql.Tx], postgres bool) error {
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	if postgres {
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, nil); err != nil {
		return err
	}
	return tx.Commit()
}

func withDefaults(o Options) Options {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 10
	}
	if o.Backoff == nil {
		o.Backoff = ExponentialBackoff(30*time.Second, 6*time.Hour)
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.ScanEvery == 0 {
		o.ScanEvery = time.Hour
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Start works jobs until Stop.
func (q *Queue) Start(ctx context.Context) error { return q.client.Start(ctx) }

// Stop finishes the jobs in hand (until ctx ends) and stops working; what
// is not done stays queued for the next start or another instance.
func (q *Queue) Stop(ctx context.Context) error { return q.client.Stop(ctx) }

// AnnounceTx queues an announcement in tx: once per Key.
func (q *Queue) AnnounceTx(ctx context.Context, tx *sql.Tx, a hindsight.Announcement) error {
	if a.Key == "" {
		a.Key = a.ID
	}
	_, err := q.client.InsertTx(ctx, tx, fanoutArgs{Key: a.Key, A: a}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// RedeliverTx queues a logged delivery's body to its webhook again.
func (q *Queue) RedeliverTx(ctx context.Context, tx *sql.Tx, d hindsight.Delivery) error {
	_, err := q.client.InsertTx(ctx, tx, deliverArgs{EventID: d.EventID, WebhookID: d.WebhookID, Event: d.Kind, PostMortemID: d.PostMortemID, Body: d.Body}, nil)
	return err
}
