package web

import (
	"container/list"
	"sync"
)

// pageCache keeps rendered pages keyed by everything they depend on, so
// a page is rendered once per change, not once per request. It is bounded
// in entries and in bytes (least recently used goes first; a page larger
// than an eighth of the budget is never kept), so no mix of pages, zones
// and readers can grow it without end, and it needs no invalidation: a
// change makes a new key.
type pageCache[K comparable] struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	order    *list.List
	items    map[K]*list.Element
}

// viewCacheBytes is the rendered post-mortem pages' memory budget;
// listCacheBytes the list and search pages'.
const (
	viewCacheBytes = 64 << 20
	listCacheBytes = 16 << 20
)

// viewKey is what a post-mortem page depends on: id, version, the
// reader's zone, the day (which decides what is overdue) and the reader.
type viewKey struct {
	id      string
	version int64
	zone    string
	day     string
	reader  string
}

type cacheEntry[K comparable] struct {
	key  K
	body []byte
}

func newPageCache[K comparable](max, maxBytes int) *pageCache[K] {
	return &pageCache[K]{max: max, maxBytes: maxBytes, order: list.New(), items: map[K]*list.Element{}}
}

func (c *pageCache[K]) get(k K) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry[K]).body, true
}

func (c *pageCache[K]) put(k K, body []byte) {
	if len(body) > c.maxBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.bytes += len(body) - len(e.Value.(*cacheEntry[K]).body)
		e.Value.(*cacheEntry[K]).body = body
		c.order.MoveToFront(e)
	} else {
		c.items[k] = c.order.PushFront(&cacheEntry[K]{k, body})
		c.bytes += len(body)
	}
	for c.order.Len() > c.max || c.bytes > c.maxBytes {
		last := c.order.Back()
		c.order.Remove(last)
		v := last.Value.(*cacheEntry[K])
		c.bytes -= len(v.body)
		delete(c.items, v.key)
	}
}
