package sqlite

import (
	"database/sql"
	"sync"
	"time"
)

// checkpointEvery is how often the write-ahead log is copied into the
// database file.
const checkpointEvery = time.Second

// checkpointer copies the write-ahead log into the database file in the
// background, on a connection of its own. Left to SQLite, the commit that
// takes the log past 1,000 pages copies them itself, while every save
// queued behind the one writer waits: under the mixed load at 100,000
// post-mortems (20 saves a second), saves stalled for hundreds of
// milliseconds every 8 s. A passive checkpoint never blocks the writer or
// a reader; one that cannot finish (a reader still needs older pages) is
// carried on at the next tick.
//
// Its connection is opened for each checkpoint and closed after it, and
// a bulk load pauses it: a load drops the log for a rollback journal when
// no other connection has the file open (see bulkSettings).
type checkpointer struct {
	db         *sql.DB
	mu         sync.Mutex // held by a checkpoint, and by a pause
	stop, done chan struct{}
}

func startCheckpointer(db *sql.DB) *checkpointer {
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(0)
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			// A failure (the disk full, say) leaves the log to grow
			// until a later tick succeeds; saves report their own.
			c.mu.Lock()
			c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
			c.mu.Unlock()
		}
	}
}

// pause waits for a running checkpoint and holds off the next ones until
// resume is called.
func (c *checkpointer) pause() (resume func()) {
	c.mu.Lock()
	return c.mu.Unlock
}

// close stops the checkpoints and closes their connection.
func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	return c.db.Close()
}
