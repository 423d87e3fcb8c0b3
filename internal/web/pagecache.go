package web

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
