package web

import (
	"context"
	"log/slog"
	"sync"

	"hindsight"
)

// readRecorder records read receipts off the request path: the view page
// is served from its cache at once, and one goroutine writes each
// (post-mortem, reader) pair at most once per process — the store ignores
// a pair it already has, so other instances and restarts do no harm. A
// full queue drops the note; the reader's next view tries again.
type readRecorder struct {
	svc   *hindsight.Service
	once  sync.Once
	queue chan readNote
	mu    sync.Mutex
	seen  map[[2]string]bool
}

type readNote struct {
	who hindsight.Principal
	id  string
}

// readSeenMax bounds the pairs remembered; past it the memory starts
// afresh (and the store's insert-or-ignore keeps the first reading).
const readSeenMax = 100_000

func newReadRecorder(svc *hindsight.Service) *readRecorder {
	return &readRecorder{svc: svc, queue: make(chan readNote, 1024), seen: map[[2]string]bool{}}
}

// note queues a signed-in reader's view of a post-mortem.
func (rr *readRecorder) note(who hindsight.Principal, id string) {
	if who.User == nil || who.User.ID == "" {
		return
	}
	key := [2]string{id, who.User.ID}
	if !rr.mark(key, true) {
		return
	}
	rr.once.Do(func() { go rr.run() })
	select {
	case rr.queue <- readNote{who, id}:
	default:
		rr.mark(key, false)
	}
}

// mark remembers (or forgets) a pair, reporting whether it was new.
func (rr *readRecorder) mark(key [2]string, seen bool) bool {
	rr.mu.Lock()
	defer rr.mu.Unlock()
	if !seen {
		delete(rr.seen, key)
		return true
	}
	if rr.seen[key] {
		return false
	}
	if len(rr.seen) >= readSeenMax {
		rr.seen = map[[2]string]bool{}
	}
	rr.seen[key] = true
	return true
}

func (rr *readRecorder) run() {
	for n := range rr.queue {
		ctx := hindsight.WithPrincipal(context.Background(), n.who)
		if err := rr.svc.RecordRead(ctx, n.id); err != nil {
			slog.Warn("record read", "postmortem", n.id, "err", err)
			rr.mark([2]string{n.id, n.who.User.ID}, false)
		}
	}
}
