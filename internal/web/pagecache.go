package web

// viewCacheBytes is the rendered post-mortem pages' memory budget;
// listCacheBytes the list and search pages'. A rendered post-mortem is
// 20–100 KB, so the views' budget holds the few hundred that most readers
// open; the whole process stays under 150 MB serving 100,000 (make load).
const (
	viewCacheBytes = 24 << 20
	listCacheBytes = 8 << 20
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
