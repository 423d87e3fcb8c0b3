package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"hindsight"
)

// listenerName starts the application_name of each instance's listening
// connection, followed by the instance's id: pg_stat_activity then names
// the instances a write must be confirmed by.
const listenerName = "hindsight listener "

// versionsQuery reads the counters and the instances listening, each as
// a subquery of its own: the three one-row tables joined took up to half
// a second under write load in a new database, where the planner, having
// no statistics yet, takes the newest for thousands of rows.
const versionsQuery = `SELECT (SELECT n FROM data_version), (SELECT n FROM identity_version), (SELECT n FROM reads_version),
	COALESCE((SELECT string_agg(substr(application_name, length($1::text) + 1), ' ')
		FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $1::text)), '')`

// How the listener keeps going: a quiet connection is checked (and the
// versions read again) every quietCheck and must answer within
// checkWithin; a broken one is reconnected after retryMin, doubling up to
// retryMax. A write waits at most confirmWithin for each instance.
const (
	quietCheck    = 10 * time.Second
	checkWithin   = 5 * time.Second
	retryMin      = 100 * time.Millisecond
	retryMax      = 5 * time.Second
	confirmWithin = time.Second
)

// versionWatch keeps this instance's copy of the versions (see
// hindsight.Versions) so that a request reads none: migration 0026's
// triggers announce each commit that moves them on the hindsight_versions
// channel, and a connection of the instance's own LISTENs to it, reads
// the versions at each notice and confirms what it read on the same
// channel ("ack ID DATA IDENTITY READS"; an instance that starts listening says
// "hello ID", and the others confirm what they know). A write through
// this store, once
// committed, reads the versions and waits until every other listening
// instance has confirmed them: when a write returns, every instance
// serves what it wrote. (An instance that does not confirm within a
// second is not waited for again until it confirms something, so one
// stuck instance costs one second, not one per write.)
//
// While the listener is not listening — before it first is, and after
// any break until it has read the versions again — they are read from the
// database at every call instead.
type versionWatch struct {
	url string
	db  *sql.DB
	id  string

	once sync.Once
	stop context.CancelFunc
	done chan struct{}

	mu    sync.Mutex
	known hindsight.Versions
	// live is set while the listener is listening and has caught up;
	// stale after a write whose versions could not be read, until a read
	// succeeds.
	live, stale bool
	// confirmed is what each other instance last confirmed; late the
	// instances not waited for until they confirm again. changed is
	// closed, and replaced, at each confirmation and when live changes.
	confirmed map[string]hindsight.Versions
	late      map[string]bool
	changed   chan struct{}
}

func newVersionWatch(url string, db *sql.DB) *versionWatch {
	return &versionWatch{url: url, db: db, id: hindsight.NewID(), confirmed: map[string]hindsight.Versions{},
		late: map[string]bool{}, changed: make(chan struct{})}
}

// get returns the versions as this instance knows them, starting the
// listener on first use (so commands that never ask open no listener).
func (w *versionWatch) get(ctx context.Context) (hindsight.Versions, error) {
	w.once.Do(w.start)
	w.mu.Lock()
	v, trusted := w.known, w.live && !w.stale
	w.mu.Unlock()
	if trusted {
		return v, nil
	}
	v, _, err := w.read(ctx)
	return v, err
}

// read reads the versions and the listening instances, and notes the
// versions.
func (w *versionWatch) read(ctx context.Context) (hindsight.Versions, []string, error) {
	var v hindsight.Versions
	var listening string
	err := w.db.QueryRowContext(ctx, versionsQuery, listenerName).Scan(&v.Data, &v.Identity, &v.Reads, &listening)
	if err != nil {
		return v, nil, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stale = false
	w.known = w.known.Newest(v)
	return w.known, strings.Fields(listening), nil
}

// wrote follows a write that returned err: after a successful one it
// reads the versions, so this instance knows its own change at once, and
// waits for the other instances listening to confirm them. The write has
// committed whatever happens here, so failing to read is not the write's
// error: the versions are then read at every call until a read succeeds.
func (w *versionWatch) wrote(ctx context.Context, err error) error {
	if err != nil {
		return err
	}
	v, listening, err := w.read(ctx)
	if err != nil {
		w.mu.Lock()
		w.stale = true
		w.mu.Unlock()
		return nil
	}
	listening = slices.DeleteFunc(listening, func(id string) bool { return id == w.id })
	if len(listening) > 0 {
		// Confirmations come to the listener: a command writing while
		// servers run starts one here.
		w.once.Do(w.start)
		w.awaitConfirmations(ctx, v, listening)
	}
	return nil
}

// awaitConfirmations waits until every one of the other instances
// listening has confirmed v, or confirmWithin has passed.
func (w *versionWatch) awaitConfirmations(ctx context.Context, v hindsight.Versions, others []string) {
	timeout := time.NewTimer(confirmWithin)
	defer timeout.Stop()
	for {
		w.mu.Lock()
		var waiting []string
		for _, id := range others {
			if !w.late[id] && !w.confirmed[id].Covers(v) {
				waiting = append(waiting, id)
			}
		}
		live, changed := w.live, w.changed
		w.mu.Unlock()
		if live && len(waiting) == 0 {
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return
		case <-timeout.C:
			if !live {
				slog.Warn("not listening: a change was not confirmed by the other instances", "instances", others)
				return
			}
			w.mu.Lock()
			for _, id := range waiting {
				w.late[id] = true
			}
			w.mu.Unlock()
			slog.Warn("instances did not confirm a change within a second; not waiting for them until they do", "instances", waiting)
			return
		}
	}
}

func (w *versionWatch) start() {
	ctx, cancel := context.WithCancel(context.Background())
	w.stop, w.done = cancel, make(chan struct{})
	go w.run(ctx)
}

// close stops the listener (and keeps it from starting).
func (w *versionWatch) close() {
	w.once.Do(func() {})
	if w.stop != nil {
		w.stop()
		<-w.done
	}
}

// run listens until stopped, reconnecting after any break.
func (w *versionWatch) run(ctx context.Context) {
	defer close(w.done)
	wait := retryMin
	for {
		listened, err := w.listen(ctx)
		w.setLive(false)
		if ctx.Err() != nil {
			return
		}
		if listened {
			wait = retryMin
		}
		slog.Warn("listening for changes made by other instances; reading the versions at every request meanwhile", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, retryMax)
	}
}

// listen connects, LISTENs, catches up and then follows the notices
// until the connection breaks or ctx ends; listened says whether it got
// as far as listening.
func (w *versionWatch) listen(ctx context.Context) (listened bool, err error) {
	cfg, err := pgx.ParseConfig(w.url)
	if err != nil {
		return false, err
	}
	cfg.RuntimeParams["application_name"] = listenerName + w.id
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, err
	}
	defer func() {
		closing, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		conn.Close(closing)
	}()
	// Listening first, then reading: a change committed in between is
	// both read and heard, never neither.
	if _, err := conn.Exec(ctx, `LISTEN hindsight_versions`); err != nil {
		return false, err
	}
	// What the others confirmed before is forgotten (this instance may
	// have missed confirmations while not listening): they are asked to
	// confirm again.
	w.mu.Lock()
	clear(w.confirmed)
	w.mu.Unlock()
	if err := w.catchUp(ctx, conn); err != nil {
		return false, err
	}
	if err := notify(ctx, conn, "hello "+w.id); err != nil {
		return false, err
	}
	w.setLive(true)
	for {
		quiet, cancel := context.WithTimeout(ctx, quietCheck)
		n, err := conn.WaitForNotification(quiet)
		cancel()
		switch {
		case err == nil && strings.HasPrefix(n.Payload, "ack "):
			w.confirm(n.Payload)
			continue
		case err == nil && strings.HasPrefix(n.Payload, "hello "):
			if n.Payload != "hello "+w.id {
				if err := w.confirmKnown(ctx, conn); err != nil {
					return true, err
				}
			}
			continue
		case err == nil:
		case ctx.Err() != nil:
			return true, nil
		case quiet.Err() == nil:
			return true, err
		}
		// A change, or a quiet while: read, which proves the connection
		// still answers, and confirm.
		if err := w.catchUp(ctx, conn); err != nil {
			return true, err
		}
	}
}

// catchUp reads the versions on the listening connection and confirms
// them to the other instances.
func (w *versionWatch) catchUp(ctx context.Context, conn *pgx.Conn) error {
	ctx, cancel := context.WithTimeout(ctx, checkWithin)
	defer cancel()
	var v hindsight.Versions
	var listening string
	if err := conn.QueryRow(ctx, versionsQuery, listenerName).Scan(&v.Data, &v.Identity, &v.Reads, &listening); err != nil {
		return err
	}
	w.mu.Lock()
	w.known = w.known.Newest(v)
	w.mu.Unlock()
	return w.confirmKnown(ctx, conn)
}

// confirmKnown tells the other instances what this one knows.
func (w *versionWatch) confirmKnown(ctx context.Context, conn *pgx.Conn) error {
	w.mu.Lock()
	v := w.known
	w.mu.Unlock()
	return notify(ctx, conn, fmt.Sprintf("ack %s %d %d %d", w.id, v.Data, v.Identity, v.Reads))
}

func notify(ctx context.Context, conn *pgx.Conn, payload string) error {
	_, err := conn.Exec(ctx, `SELECT pg_notify('hindsight_versions', $1)`, payload)
	return err
}

// confirm notes another instance's "ack ID DATA IDENTITY READS".
func (w *versionWatch) confirm(payload string) {
	var id string
	var v hindsight.Versions
	if _, err := fmt.Sscanf(payload, "ack %s %d %d %d", &id, &v.Data, &v.Identity, &v.Reads); err != nil || id == w.id {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.confirmed[id] = w.confirmed[id].Newest(v)
	delete(w.late, id)
	w.signal()
}

func (w *versionWatch) setLive(live bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.live = live
	w.signal()
}

// signal wakes the writers waiting for a change; w.mu is held.
func (w *versionWatch) signal() {
	close(w.changed)
	w.changed = make(chan struct{})
}

// Versions returns the versions as this instance knows them (see
// versionWatch).
func (s *Store) Versions(ctx context.Context) (hindsight.Versions, error) {
	return s.versions.get(ctx)
}
