package hindsight

import (
	"sync"
	"time"
)

// memo is what the service keeps in memory between requests so that a
// request for a cached page costs no database round trip: the sessions,
// accounts and tokens requests are made with, under the identity version,
// post-mortem heads under the data version and their readers under the
// reads version (see Versions).
type memo struct {
	sessions versioned[string, storedSession]
	users    versioned[string, User]
	tokens   versioned[string, Token]
	heads    versioned[string, Head]
	// readers are kept under the reads and identity versions together
	// (their sum, which moves whenever either does).
	readers versioned[string, []Read]
}

// storedSession is a session's data as stored, with the expiry it was
// stored with: an entry past it is read again, as another instance may
// have moved it on.
type storedSession struct {
	data    []byte
	expires time.Time
}

// memoMax bounds each map: past it the map starts afresh, which costs
// one read per entry.
const memoMax = 20000

// versioned is a map of what was read from the store while a version
// stood. It is emptied when the version moves on, and takes only what
// was read at the version it holds — the version is read before the
// store is — so a read that raced a change is never kept past it.
type versioned[K comparable, V any] struct {
	mu      sync.Mutex
	version int64
	items   map[K]V
}

// get returns what was kept for k at version.
func (c *versioned[K, V]) get(version int64, k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(version)
	v, ok := c.items[k]
	if version != c.version {
		ok = false
	}
	return v, ok
}

// put keeps v for k if version, read before v was, is still current.
func (c *versioned[K, V]) put(version int64, k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(version)
	if version != c.version {
		return
	}
	if c.items == nil || len(c.items) >= memoMax {
		c.items = make(map[K]V)
	}
	c.items[k] = v
}

// fetch returns what is kept for k at version, or reads it and keeps
// it.
func (c *versioned[K, V]) fetch(version int64, k K, read func() (V, error)) (V, error) {
	if v, ok := c.get(version, k); ok {
		return v, nil
	}
	v, err := read()
	if err == nil {
		c.put(version, k, v)
	}
	return v, err
}

// update changes what is kept for k, if anything is.
func (c *versioned[K, V]) update(k K, change func(*V)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.items[k]; ok {
		change(&v)
		c.items[k] = v
	}
}

// forget drops k.
func (c *versioned[K, V]) forget(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, k)
}

func (c *versioned[K, V]) advance(version int64) {
	if version > c.version {
		clear(c.items)
		c.version = version
	}
}
