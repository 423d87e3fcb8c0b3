// Package pagecache keeps rendered responses — pages, JSON — in memory,
// bounded in entries and bytes, for handlers whose output depends only on
// a key they can compute cheaply (a version, a reader, a zone).
package pagecache

import (
	"container/list"
	"sync"
)

// Cache keeps rendered responses keyed by everything they depend on, so
// a page is rendered once per change, not once per request. It is bounded
// in entries and in bytes (least recently used goes first; a page larger
// than an eighth of the budget is never kept), so no mix of pages, zones
// and readers can grow it without end, and it needs no invalidation: a
// change makes a new key.
type Cache[K comparable] struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	order    *list.List
	items    map[K]*list.Element
}

type entry[K comparable] struct {
	key  K
	body []byte
}

func New[K comparable](max, maxBytes int) *Cache[K] {
	return &Cache[K]{max: max, maxBytes: maxBytes, order: list.New(), items: map[K]*list.Element{}}
}

func (c *Cache[K]) Get(k K) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*entry[K]).body, true
}

func (c *Cache[K]) Put(k K, body []byte) {
	if len(body) > c.maxBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.bytes += len(body) - len(e.Value.(*entry[K]).body)
		e.Value.(*entry[K]).body = body
		c.order.MoveToFront(e)
	} else {
		c.items[k] = c.order.PushFront(&entry[K]{k, body})
		c.bytes += len(body)
	}
	for c.order.Len() > c.max || c.bytes > c.maxBytes {
		last := c.order.Back()
		c.order.Remove(last)
		v := last.Value.(*entry[K])
		c.bytes -= len(v.body)
		delete(c.items, v.key)
	}
}
