package insights

import (
	"context"
	"fmt"
	"sync"
	"time"

	"hindsight"
)

// Snapshot is what insights show one reader for one filter, as of Built:
// the figures and the meetings held late (one read of the incident facts),
// and the reading figure.
type Snapshot struct {
	Report  Report
	Late    []hindsight.LateMeeting
	Reading hindsight.ReadingFigure
	Built   time.Time
}

// Reports keeps recent snapshots so that insights cost one read of every
// post-mortem's facts per reader, filter and period (Fresh), however often
// they are asked for — at 100,000 post-mortems that read takes about a
// second of CPU. A snapshot older than Fresh is still served while its
// replacement is built in the background, so no request waits for a
// rebuild; only the first request for a reader and filter waits. Builds
// run one at a time, so insights never hold more than one of the store's
// read connections, and at most MaxEntries snapshots are kept.
type Reports struct {
	svc        *hindsight.Service
	fresh      time.Duration
	maxEntries int

	build chan struct{} // a token per running build: one at a time

	mu      sync.Mutex
	entries map[string]*entry
}

// entry is one reader's and filter's snapshot; ready is closed when the
// first build ends, and rebuilding is set while a newer one is built.
type entry struct {
	ready      chan struct{}
	snap       *Snapshot
	err        error
	rebuilding bool
	used       time.Time
}

// NewReports keeps snapshots for fresh (30 s when zero), up to 64 of them.
func NewReports(svc *hindsight.Service, fresh time.Duration) *Reports {
	if fresh <= 0 {
		fresh = 30 * time.Second
	}
	return &Reports{svc: svc, fresh: fresh, maxEntries: 64, build: make(chan struct{}, 1), entries: map[string]*entry{}}
}

// Get returns the snapshot for the reader in ctx and filter f: a kept one
// when it is fresh or being rebuilt, else one built now.
func (r *Reports) Get(ctx context.Context, f hindsight.FactsFilter) (*Snapshot, error) {
	key := readerKey(ctx) + "\x00" + filterKey(f)
	now := r.svc.Now()
	r.mu.Lock()
	e, ok := r.entries[key]
	if !ok {
		e = &entry{ready: make(chan struct{}), used: now}
		r.evict()
		r.entries[key] = e
		r.mu.Unlock()
		e.snap, e.err = r.make(ctx, f)
		close(e.ready)
		if e.err != nil {
			r.forget(key, e)
		}
		return e.snap, e.err
	}
	e.used = now
	r.mu.Unlock()
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if e.err != nil {
		return nil, e.err
	}
	r.mu.Lock()
	stale := now.Sub(e.snap.Built) >= r.fresh && !e.rebuilding
	if stale {
		e.rebuilding = true
	}
	snap := e.snap
	r.mu.Unlock()
	if stale {
		go r.rebuild(context.WithoutCancel(ctx), key, e, f)
	}
	return snap, nil
}

// rebuild replaces e's snapshot in the background; on failure the old one
// stays and the next request past Fresh tries again.
func (r *Reports) rebuild(ctx context.Context, key string, e *entry, f hindsight.FactsFilter) {
	snap, err := r.make(ctx, f)
	r.mu.Lock()
	defer r.mu.Unlock()
	e.rebuilding = false
	if err == nil {
		e.snap = snap
	}
}

// make reads the facts and computes a snapshot, one build at a time.
func (r *Reports) make(ctx context.Context, f hindsight.FactsFilter) (*Snapshot, error) {
	select {
	case r.build <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-r.build }()
	facts, err := r.svc.IncidentFacts(ctx, f)
	if err != nil {
		return nil, err
	}
	reading, err := r.svc.ReadingFigure(ctx)
	if err != nil {
		return nil, err
	}
	now := r.svc.Now()
	return &Snapshot{Report: Compute(facts, r.svc.Policy.Severities, now.UTC()), Late: r.svc.LateMeetingsAmong(facts), Reading: reading, Built: now}, nil
}

// evict drops the least recently used entries beyond maxEntries; r.mu is
// held.
func (r *Reports) evict() {
	for len(r.entries) >= r.maxEntries {
		var oldest string
		var at time.Time
		for k, e := range r.entries {
			if oldest == "" || e.used.Before(at) {
				oldest, at = k, e.used
			}
		}
		delete(r.entries, oldest)
	}
}

// forget drops a failed first build so the next request tries again.
func (r *Reports) forget(key string, e *entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries[key] == e {
		delete(r.entries, key)
	}
}

// readerKey names who reads: what they may see depends on who they are,
// their role and their groups.
func readerKey(ctx context.Context) string {
	p, ok := hindsight.PrincipalFrom(ctx)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%t\x1f%s", p.System, p.User.CacheKey())
}

func filterKey(f hindsight.FactsFilter) string {
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	return day(f.From) + "\x1f" + day(f.To) + "\x1f" + f.Severity + "\x1f" + f.Tag
}
