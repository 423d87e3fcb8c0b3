package hindsight

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Service is the one way in: every entry point (API, web, feeds, CLI)
// reads and writes through it, never through the store. It normalizes,
// stamps who and when from its one clock, validates against the policy and
// only then hands a post-mortem to the store, so nothing invalid is written
// and the rules live in one place.
type Service struct {
	store  Store
	Policy Policy
	// Now is the clock; tests set it to control "now". Stores have none:
	// every time Hindsight keeps is stamped here.
	Now func() time.Time
}

// NewService wires a store with a policy and the real clock.
func NewService(s Store, p Policy) *Service {
	return &Service{store: s, Policy: p, Now: time.Now}
}

// now is the clock's time in UTC at the microsecond both engines keep.
func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// Prepare normalizes p, stamps countermeasure done times and validates,
// without writing. Create and Update call it; previews and imports use it to
// report errors before a save.
func (s *Service) Prepare(p *PostMortem) error {
	p.Normalize()
	now := s.now()
	for i := range p.Countermeasures {
		c := &p.Countermeasures[i]
		switch {
		case c.Status == CMDone && c.DoneAt == nil:
			c.DoneAt = &now
		case c.Status != CMDone:
			c.DoneAt = nil
		}
	}
	return p.Validate(s.Policy)
}

// Create validates and stores a new post-mortem.
func (s *Service) Create(ctx context.Context, p *PostMortem) error {
	if err := s.Prepare(p); err != nil {
		return err
	}
	return s.insert(ctx, []*PostMortem{p})
}

// CreateMany validates every post-mortem first and stores them all in one
// transaction, so a batch with one bad item writes nothing. A validation
// error names the item by its index ("[3].title").
func (s *Service) CreateMany(ctx context.Context, ps []*PostMortem) error {
	all := &ValidationError{}
	for i, p := range ps {
		if err := s.Prepare(p); err != nil {
			var v *ValidationError
			if !errors.As(err, &v) {
				return err
			}
			for _, f := range v.Fields {
				all.Add(fmt.Sprintf("[%d].%s", i, f.Field), "%s", f.Message)
			}
		}
	}
	if err := all.OrNil(); err != nil {
		return err
	}
	return s.insert(ctx, ps)
}

// insert stamps prepared post-mortems with who and when and stores them
// in one transaction.
func (s *Service) insert(ctx context.Context, ps []*PostMortem) error {
	now, actor := s.now(), ActorFrom(ctx)
	for _, p := range ps {
		p.CreatedAt, p.UpdatedAt, p.UpdatedBy = now, now, actor
	}
	if err := s.store.CreateMany(ctx, ps); err != nil {
		return err
	}
	for _, p := range ps {
		p.Metrics = p.ComputeMetrics()
	}
	return nil
}

// Update validates and stores p over the version it names; a stale version
// is refused with a *ConflictError. What a client may leave out without
// meaning to erase it is carried over from the stored post-mortem (see
// keepHistory).
func (s *Service) Update(ctx context.Context, p *PostMortem) error {
	stored, err := s.store.Get(ctx, p.ID)
	if err != nil {
		return err
	}
	keepHistory(p, stored)
	return s.save(ctx, p)
}

// save validates and stores an update whose history is already complete.
func (s *Service) save(ctx context.Context, p *PostMortem) error {
	if err := s.Prepare(p); err != nil {
		return err
	}
	p.UpdatedAt, p.UpdatedBy = s.now(), ActorFrom(ctx)
	if err := s.store.Update(ctx, p); err != nil {
		return err
	}
	p.Metrics = p.ComputeMetrics()
	return nil
}

// Get returns the post-mortem with its metrics derived.
func (s *Service) Get(ctx context.Context, id string) (*PostMortem, error) {
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p.Metrics = p.ComputeMetrics()
	return p, nil
}

// Version returns a post-mortem's current version without reading it, for
// caches of what depends only on the version.
func (s *Service) Version(ctx context.Context, id string) (int64, error) {
	return s.store.Version(ctx, id)
}

// Delete removes a post-mortem.
func (s *Service) Delete(ctx context.Context, id string) error { return s.store.Delete(ctx, id) }

// List returns a page of summaries.
func (s *Service) List(ctx context.Context, f ListFilter) (Page, error) {
	return s.store.List(ctx, f)
}

// Ping reports whether the store answers, for health checks.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// keepHistory carries a countermeasure's record over an edit, matched by
// id: its verification history is append-only, and its done time stays
// while it stays done. A form or an API client that sends a countermeasure
// without them therefore cannot erase when it was done or who checked it.
func keepHistory(p, stored *PostMortem) {
	byID := make(map[string]Countermeasure, len(stored.Countermeasures))
	for _, c := range stored.Countermeasures {
		byID[c.ID] = c
	}
	for i := range p.Countermeasures {
		c := &p.Countermeasures[i]
		old, ok := byID[c.ID]
		if !ok {
			continue
		}
		history := slices.Clone(old.Verifications)
		for _, v := range c.Verifications {
			if !slices.ContainsFunc(history, func(h Verification) bool { return h.At.Equal(v.At) && h.By == v.By && h.Note == v.Note }) {
				history = append(history, v)
			}
		}
		c.Verifications = history
		if c.Status == CMDone && old.Status == CMDone && c.DoneAt == nil {
			c.DoneAt = old.DoneAt
		}
	}
}
