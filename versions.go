package hindsight

import (
	"context"
	"sync"
)

// Versions are two counters the database moves on at commit, whichever
// instance (or command) commits. What an instance keeps in memory is
// keyed by them, so it is served only while nothing it depends on has
// changed.
type Versions struct {
	// Data moves on with every change to any post-mortem (and with every
	// recorded revisit): pages that show many post-mortems, and the heads
	// of single ones, are cached under it.
	Data int64
	// Identity moves on whenever who may do what could have changed: a
	// session ends or its data changes, an account changes (role, groups,
	// disabled, credentials), a token is revoked. Sessions, accounts and
	// tokens are cached under it.
	Identity int64
	// Reads moves on whenever somebody opens a published post-mortem for
	// the first time: the read receipts a post-mortem page shows are
	// cached under it (and the identity version, which readers' names
	// follow).
	Reads int64
}

// Covers reports whether v is at least w in every counter.
func (v Versions) Covers(w Versions) bool {
	return v.Data >= w.Data && v.Identity >= w.Identity && v.Reads >= w.Reads
}

// VersionStore says what the versions are.
type VersionStore interface {
	// Versions returns the versions as this instance knows them, cheaply
	// enough for every request: never older than any change whose write
	// has returned, through this store or any other on the same database
	// (SQLite asks the file at every call whether anything was committed;
	// PostgreSQL instances tell each other, and a write returns once the
	// others have confirmed it).
	Versions(ctx context.Context) (Versions, error)
}

// Newest is the newer of v and w in each counter.
func (v Versions) Newest(w Versions) Versions {
	return Versions{Data: max(v.Data, w.Data), Identity: max(v.Identity, w.Identity), Reads: max(v.Reads, w.Reads)}
}

// DataVersion is a number that changes whenever any post-mortem does, on
// any instance: pages that show many post-mortems are cached under it.
func (s *Service) DataVersion(ctx context.Context) (int64, error) {
	if _, err := reader(ctx); err != nil {
		return 0, err
	}
	v, err := s.versions(ctx)
	return v.Data, err
}

// VersionsOnce returns ctx in which the versions are read once, when
// first needed, and kept for everything done with it: a request that only
// reads is then served as of one moment after it arrived — every change
// committed before it counts — for one read however many of the caches
// keyed by the versions it consults. A request that writes must not use
// it: what it read after its own change would not show it.
func VersionsOnce(ctx context.Context) context.Context {
	return context.WithValue(ctx, versionsOnceKey{}, &versionsOnce{})
}

type versionsOnceKey struct{}

type versionsOnce struct {
	once sync.Once
	v    Versions
	err  error
}

// versions returns the versions, read once for the context if it was made
// by VersionsOnce.
func (s *Service) versions(ctx context.Context) (Versions, error) {
	once, ok := ctx.Value(versionsOnceKey{}).(*versionsOnce)
	if !ok {
		return s.store.Versions(ctx)
	}
	once.once.Do(func() { once.v, once.err = s.store.Versions(ctx) })
	return once.v, once.err
}
