package web

import (
	"container/list"
	"sync"

	"hindsight"
)

// viewCache keeps rendered post-mortem pages keyed by what they depend
// on — id, version, the reader's zone, the day (which decides what is
// overdue) and the reader — so a page is rendered once per change, not
// once per view. It is bounded in entries and in bytes (least recently
// used goes first; a page larger than an eighth of the budget is never
// kept), so no mix of large post-mortems and zones can grow it without
// end, and it needs no invalidation: a new version is a new key.
type viewCache struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	order    *list.List
	items    map[viewKey]*list.Element
}

// viewCacheBytes is the rendered pages' memory budget.
const viewCacheBytes = 64 << 20

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
	meta viewMeta
}

// viewMeta is what a cached page needs to finish each view: whether the
// post-mortem is published (its reads are recorded and counted), its
// stakeholders (to count those who read it) and where the read receipts
// go in the body (-1 for nowhere).
type viewMeta struct {
	published    bool
	stakeholders []hindsight.Stakeholder
	readsAt      int
}

func newViewCache(max, maxBytes int) *viewCache {
	return &viewCache{max: max, maxBytes: maxBytes, order: list.New(), items: map[viewKey]*list.Element{}}
}

func (c *viewCache) get(k viewKey) ([]byte, bool) {
	body, _, ok := c.getMeta(k)
	return body, ok
}

func (c *viewCache) getMeta(k viewKey) ([]byte, viewMeta, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return nil, viewMeta{}, false
	}
	c.order.MoveToFront(e)
	v := e.Value.(*viewEntry)
	return v.body, v.meta, true
}

func (c *viewCache) put(k viewKey, body []byte) { c.putMeta(k, body, viewMeta{readsAt: -1}) }

func (c *viewCache) putMeta(k viewKey, body []byte, meta viewMeta) {
	if len(body) > c.maxBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.bytes += len(body) - len(e.Value.(*viewEntry).body)
		e.Value.(*viewEntry).body, e.Value.(*viewEntry).meta = body, meta
		c.order.MoveToFront(e)
	} else {
		c.items[k] = c.order.PushFront(&viewEntry{k, body, meta})
		c.bytes += len(body)
	}
	for c.order.Len() > c.max || c.bytes > c.maxBytes {
		last := c.order.Back()
		c.order.Remove(last)
		v := last.Value.(*viewEntry)
		c.bytes -= len(v.body)
		delete(c.items, v.key)
	}
}
