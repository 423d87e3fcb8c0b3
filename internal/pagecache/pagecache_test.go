package pagecache

import (
	"strconv"
	"testing"
)

type key struct {
	id      string
	version int64
	zone    string
}

// TestPageCacheBoundedInBytes fills the cache with pages for many zones
// and readers: it keeps within its byte budget whatever the mix, keeps
// the most recent pages, and never keeps a page too large for it.
func TestPageCacheBoundedInBytes(t *testing.T) {
	t.Parallel()
	c := New[key](1000, 10_000)
	page := make([]byte, 1000)
	for i := range 100 {
		c.Put(key{id: "p", version: 1, zone: "Zone/" + strconv.Itoa(i)}, page)
		if c.bytes > 10_000 || c.order.Len() > 10 {
			t.Fatalf("after %d pages: %d bytes in %d entries", i+1, c.bytes, c.order.Len())
		}
	}
	if _, ok := c.Get(key{id: "p", version: 1, zone: "Zone/99"}); !ok {
		t.Error("the newest page was evicted")
	}
	if _, ok := c.Get(key{id: "p", version: 1, zone: "Zone/0"}); ok {
		t.Error("the oldest page was kept past the budget")
	}
	c.Put(key{id: "huge"}, make([]byte, 5000))
	if _, ok := c.Get(key{id: "huge"}); ok {
		t.Error("a page larger than an eighth of the budget was kept")
	}
	// Replacing a page counts its new size.
	k := key{id: "p", version: 1, zone: "Zone/99"}
	c.Put(k, make([]byte, 10))
	sum := 0
	for e := c.order.Front(); e != nil; e = e.Next() {
		sum += len(e.Value.(*entry[key]).body)
	}
	if sum != c.bytes {
		t.Fatalf("counted %d bytes, holds %d", c.bytes, sum)
	}
}
