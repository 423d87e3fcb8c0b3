package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"

	"hindsight"
)

// versionCheck keeps the versions (see hindsight.Versions) and checks
// them at every call through a connection of its own with PRAGMA
// data_version, which tells whether any other connection — this
// process's writer or a command writing to the same file — committed
// since that connection last asked. Only then are the counters read.
// The pragma's numbers mean something only on the connection that gave
// them, so the connection is pinned, and a new one starts afresh.
type versionCheck struct {
	db *sql.DB

	mu     sync.Mutex
	conn   *sql.Conn
	pragma *sql.Stmt
	seen   int64
	known  hindsight.Versions
}

func newVersionCheck(db *sql.DB) *versionCheck {
	db.SetMaxOpenConns(1)
	return &versionCheck{db: db}
}

// get returns the versions as committed now. It takes microseconds, so
// it is not interrupted when ctx is: a cancellable query costs SQLite
// (modernc) twice or three times as much.
func (c *versionCheck) get(ctx context.Context) (hindsight.Versions, error) {
	ctx = context.WithoutCancel(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	v, err := c.check(ctx)
	if err != nil && c.conn != nil {
		// The connection may be broken: the next call starts on a new
		// one.
		c.conn.Close()
		c.conn = nil
	}
	return v, err
}

func (c *versionCheck) check(ctx context.Context) (hindsight.Versions, error) {
	fresh := c.conn == nil
	if fresh {
		conn, err := c.db.Conn(ctx)
		if err != nil {
			return hindsight.Versions{}, err
		}
		pragma, err := conn.PrepareContext(ctx, `PRAGMA data_version`)
		if err != nil {
			conn.Close()
			return hindsight.Versions{}, err
		}
		c.conn, c.pragma = conn, pragma
	}
	var seen int64
	if err := c.pragma.QueryRowContext(ctx).Scan(&seen); err != nil {
		return hindsight.Versions{}, err
	}
	if !fresh && seen == c.seen {
		return c.known, nil
	}
	var v hindsight.Versions
	if err := c.conn.QueryRowContext(ctx, `SELECT d.n, i.n, r.n FROM data_version d, identity_version i, reads_version r`).Scan(&v.Data, &v.Identity, &v.Reads); err != nil {
		return v, err
	}
	c.seen, c.known = seen, v
	return v, nil
}

func (c *versionCheck) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	if c.conn != nil {
		err = c.conn.Close()
	}
	return errors.Join(err, c.db.Close())
}

// Versions returns the versions as committed now (see versionCheck).
func (s *Store) Versions(ctx context.Context) (hindsight.Versions, error) {
	return s.versions.get(ctx)
}
