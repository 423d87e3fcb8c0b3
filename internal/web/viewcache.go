package web

import (
	"container/list"
	"sync"
)

// viewCache keeps rendered post-mortem pages keyed by what they depend
// on — id, version, the reader's zone and the day (which decides what is
// overdue) — so a page is rendered once per change, not once per reader. It is bounded (least recently used goes
// first) and needs no invalidation: a new version is a new key.
type viewCache struct {
	mu    sync.Mutex
	max   int
	order *list.List
	items map[viewKey]*list.Element
}

type viewKey struct {
	id      string
	version int64
	zone    string
	day     string
	reader  string
}

type viewEntry struct {
	key  viewKey
	body []byte
}

func newViewCache(max int) *viewCache {
	return &viewCache{max: max, order: list.New(), items: map[viewKey]*list.Element{}}
}

func (c *viewCache) get(k viewKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*viewEntry).body, true
}

func (c *viewCache) put(k viewKey, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		e.Value.(*viewEntry).body = body
		c.order.MoveToFront(e)
		return
	}
	c.items[k] = c.order.PushFront(&viewEntry{k, body})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*viewEntry).key)
	}
}
