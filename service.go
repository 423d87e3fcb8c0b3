package hindsight

import (
	"context"
	"database/sql"
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
	// Announcer queues announcements (package announce); nil announces
	// nothing, as for the command line.
	Announcer Announcer
	// CheckWebhookURL, when set, refuses a webhook address that is or
	// resolves to one deliveries may not reach (package webhook's guard,
	// set by the announcement queue), so an admin hears of it when saving
	// rather than from the delivery log. Deliveries are checked again at
	// every connection.
	CheckWebhookURL func(ctx context.Context, rawURL string) error
	// MailDefaults are the server's mail settings (HINDSIGHT_SMTP_*,
	// HINDSIGHT_MAIL_*), in force until an admin sets others.
	MailDefaults MailSettings

	revisits dueRevisitCache
	memo     memo
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

// CreateAllowed says whether the context's principal may create
// post-mortems (nil) or why not, so pages offer only what will work.
func (s *Service) CreateAllowed(ctx context.Context) error {
	_, err := requireRole(ctx, Editor)
	return err
}

// Create validates and stores a new post-mortem; editors and admins may.
func (s *Service) Create(ctx context.Context, p *PostMortem) error {
	if _, err := requireRole(ctx, Editor); err != nil {
		return err
	}
	if err := s.prepareNew(ctx, p); err != nil {
		return err
	}
	who, _ := PrincipalFrom(ctx)
	p.AuthorID = actorID(ctx)
	hook, err := s.publishing(ctx, who, p, nil)
	if err != nil {
		return err
	}
	if err := s.insert(ctx, []*PostMortem{p}); err != nil {
		return err
	}
	// A new post-mortem published at once is recorded as published
	// right after it is stored.
	if hook != nil {
		if err := s.store.InTx(ctx, hook); err != nil {
			return err
		}
		s.revisitsChanged()
	}
	return nil
}

// prepareNew is Prepare for a post-mortem about to be created, which may
// also claim the images its writer uploaded before this first save.
func (s *Service) prepareNew(ctx context.Context, p *PostMortem) error {
	if err := s.Prepare(p); err != nil {
		return err
	}
	return s.claimUploads(ctx, p)
}

// CreateMany validates every post-mortem first and stores them all in one
// transaction, so a batch with one bad item writes nothing. A validation
// error names the item by its index ("[3].title").
func (s *Service) CreateMany(ctx context.Context, ps []*PostMortem) error {
	if _, err := requireRole(ctx, Editor); err != nil {
		return err
	}
	if err := s.prepareBatch(ctx, ps, 0); err != nil {
		return err
	}
	return s.insert(ctx, ps)
}

// prepareBatch prepares every post-mortem of a batch and reports every
// validation error at once, each field named by the item's index counted
// from first ("[3].title").
func (s *Service) prepareBatch(ctx context.Context, ps []*PostMortem, first int) error {
	all := &ValidationError{}
	for i, p := range ps {
		if err := s.prepareNew(ctx, p); err != nil {
			var v *ValidationError
			if !errors.As(err, &v) {
				return err
			}
			for _, f := range v.Fields {
				all.Add(fmt.Sprintf("[%d].%s", first+i, f.Field), "%s", f.Message)
			}
		}
	}
	return all.OrNil()
}

// insert stamps prepared post-mortems and stores them in one transaction.
func (s *Service) insert(ctx context.Context, ps []*PostMortem) error {
	s.stampNew(ctx, ps)
	if err := s.store.CreateMany(ctx, ps); err != nil {
		return err
	}
	for _, p := range ps {
		p.Metrics, p.ChangeNote = p.ComputeMetrics(), ""
	}
	return nil
}

// stampNew stamps prepared post-mortems with who and when. Only the
// command line (importing history) may bring its own verification record
// and done times; anybody else's would be a claim the server cannot
// check.
func (s *Service) stampNew(ctx context.Context, ps []*PostMortem) {
	now, actor, id := s.now(), ActorFrom(ctx), actorID(ctx)
	p0, _ := PrincipalFrom(ctx)
	for _, p := range ps {
		p.CreatedAt, p.UpdatedAt, p.UpdatedBy, p.AuthorID, p.UpdatedByID = now, now, actor, id, id
		if !p0.System {
			for i := range p.Countermeasures {
				c := &p.Countermeasures[i]
				c.Verifications, c.VerifiedAt, c.StatusChanges = nil, nil, nil
				if c.Status == CMDone {
					c.DoneAt = &now
				}
			}
			recordStatusChanges(p, nil, StatusChange{At: now, By: actor, ByID: id})
		}
	}
}

// Update validates and stores p over the version it names; a stale version
// is refused with a *ConflictError. Editors, admins and the author may. What
// only the server records — the author, a countermeasure's done time and
// verification history — is carried over from the stored post-mortem
// whatever the client sent (see keepHistory).
func (s *Service) Update(ctx context.Context, p *PostMortem) error {
	who, stored, err := s.editable(ctx, p.ID)
	if err != nil {
		return err
	}
	keepHistory(p, stored)
	return s.save(ctx, who, p, stored, Change{})
}

// editable reads a post-mortem the principal may change: one they may not
// see is not found, one they may only see is forbidden.
func (s *Service) editable(ctx context.Context, id string) (Principal, *PostMortem, error) {
	who, err := writer(ctx)
	if err != nil {
		return who, nil, err
	}
	stored, err := s.readable(ctx, who, id)
	if err != nil {
		return who, nil, err
	}
	if !mayEdit(who, headOf(stored)) {
		return who, nil, forbidden("only editors, admins and its author may change this post-mortem")
	}
	return who, stored, nil
}

// readable reads a post-mortem the principal may see; to anybody else it
// does not exist.
func (s *Service) readable(ctx context.Context, who Principal, id string) (*PostMortem, error) {
	if !clean(id) {
		return nil, fmt.Errorf("post-mortem: %w", ErrNotFound)
	}
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !mayRead(who, headOf(p)) {
		return nil, fmt.Errorf("post-mortem %s: %w", id, ErrNotFound)
	}
	return p, nil
}

// save validates and stores an update whose history is already complete,
// recording who moved a countermeasure to another status, the fields the
// save changed for the post-mortem's history, and a change of who may see
// it in the audit log.
func (s *Service) save(ctx context.Context, who Principal, p, stored *PostMortem, change Change) error {
	p.AuthorID, p.CreatedAt = stored.AuthorID, stored.CreatedAt
	if err := s.Prepare(p); err != nil {
		return err
	}
	if err := s.claimUploads(ctx, p); err != nil {
		return err
	}
	p.UpdatedAt, p.UpdatedBy, p.UpdatedByID = s.now(), ActorFrom(ctx), actorID(ctx)
	recordStatusChanges(p, stored, StatusChange{At: p.UpdatedAt, By: p.UpdatedBy, ByID: p.UpdatedByID})
	change.Fields = ChangedFields(stored, p)
	hook, err := s.publishing(ctx, who, p, stored)
	if err != nil {
		return err
	}
	change.Also = change.Also.Then(hook)
	notices, err := s.meetingNotices(ctx, p, stored, change.meeting)
	if err != nil {
		return err
	}
	change.Also = change.Also.Then(notices)
	var audit []AuditEvent
	if !sameAccess(p.Access, stored.Access) {
		audit = append(audit, s.event(who, "postmortem.access", p.ID, describeAccess(stored.Access)+" → "+describeAccess(p.Access)))
	}
	if err := s.store.Update(ctx, p, change, audit...); err != nil {
		return err
	}
	if revisitsMoved(stored, p, change.Fields) {
		s.revisitsChanged()
	}
	p.Metrics, p.ChangeNote = p.ComputeMetrics(), ""
	return nil
}

// Get returns the post-mortem with its metrics derived, if the reader may
// see it.
func (s *Service) Get(ctx context.Context, id string) (*PostMortem, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.readable(ctx, who, id)
	if err != nil {
		return nil, err
	}
	p.Metrics = p.ComputeMetrics()
	return p, nil
}

// Head returns a post-mortem's version, author and access without reading
// it, for caches of what depends only on the version, if the reader may
// see it.
func (s *Service) Head(ctx context.Context, id string) (Head, error) {
	return s.head(ctx, id, s.store.Head)
}

// PageHead is Head as of the data version this instance knows (see
// Versions), kept in memory under it: for pages and documents cached by
// version, which it lets be served without reading the database. Whether
// something may leave the instance (a delivery) is decided on Head.
func (s *Service) PageHead(ctx context.Context, id string) (Head, error) {
	return s.head(ctx, id, func(ctx context.Context, id string) (Head, error) {
		v, err := s.versions(ctx)
		if err != nil {
			return Head{}, err
		}
		return s.memo.heads.fetch(v.Data, id, func() (Head, error) { return s.store.Head(ctx, id) })
	})
}

// head reads a head with read, if the reader may see it.
func (s *Service) head(ctx context.Context, id string, read func(context.Context, string) (Head, error)) (Head, error) {
	who, err := reader(ctx)
	if err != nil {
		return Head{}, err
	}
	if !clean(id) {
		return Head{}, fmt.Errorf("post-mortem: %w", ErrNotFound)
	}
	h, err := read(ctx, id)
	if err != nil {
		return Head{}, err
	}
	if !mayRead(who, h) {
		return Head{}, fmt.Errorf("post-mortem %s: %w", id, ErrNotFound)
	}
	return h, nil
}

// MayEdit reports whether the context's principal may change a
// post-mortem with this head, so pages offer only what will work.
func (s *Service) MayEdit(ctx context.Context, h Head) bool {
	p, ok := PrincipalFrom(ctx)
	return ok && mayEdit(p, h)
}

// EditAllowed is MayEdit saying why not, for a page that only editors of
// the post-mortem may open.
func (s *Service) EditAllowed(ctx context.Context, h Head) error {
	if s.MayEdit(ctx, h) {
		return nil
	}
	return forbidden("only editors, admins and its author may change this post-mortem")
}

// MayDelete reports whether the context's principal may delete it.
func (s *Service) MayDelete(ctx context.Context, h Head) bool {
	p, ok := PrincipalFrom(ctx)
	return ok && mayDelete(p, h)
}

// List returns a page of summaries of what the reader may see.
func (s *Service) List(ctx context.Context, f ListFilter) (Page, error) {
	who, err := reader(ctx)
	if err != nil {
		return Page{}, err
	}
	if err := checkText("q", f.Q, "tag", f.Tag, "team", f.Team, "service", f.Service, "severity", f.Severity, "status", string(f.Status), "cursor", f.Cursor); err != nil {
		return Page{}, err
	}
	if err := checkQuery(f.Q); err != nil {
		return Page{}, err
	}
	f.Audience = audience(who)
	return s.store.List(ctx, f)
}

// event is an audit event by the principal, now.
func (s *Service) event(who Principal, action, target, detail string) AuditEvent {
	e := AuditEvent{ID: NewID(), At: s.now(), Action: action, Target: target, Detail: detail, ClientIP: who.ClientIP}
	if who.User != nil {
		e.ActorID, e.Actor = who.User.ID, who.User.Display()
	}
	return e
}

// Ping reports whether the store answers, for health checks.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// Ready reports whether the store answers and is fully migrated: whether
// this instance should get traffic.
func (s *Service) Ready(ctx context.Context) error { return s.store.Ready(ctx) }

// keepHistory carries over an edit what only the server records about a
// countermeasure, matched by id: its verification history (added to only
// by VerifyCountermeasure), its status changes (added to only by save)
// and its done time while it stays done. A newly
// done one is stamped now. Whatever a form or an API client sends for
// these — nothing, a backdated time, a forged check — is replaced.
func keepHistory(p, stored *PostMortem) {
	byID := make(map[string]Countermeasure, len(stored.Countermeasures))
	for _, c := range stored.Countermeasures {
		byID[c.ID] = c
	}
	for i := range p.Countermeasures {
		c := &p.Countermeasures[i]
		old, ok := byID[c.ID]
		c.Verifications, c.VerifiedAt, c.DoneAt = nil, nil, nil
		if !ok {
			continue
		}
		c.Verifications, c.StatusChanges = slices.Clone(old.Verifications), slices.Clone(old.StatusChanges)
		if c.Status == CMDone && old.Status == CMDone {
			c.DoneAt = old.DoneAt
		}
	}
}

// CountByStatus counts post-mortems by status; admins may (the metrics
// are for operators).
func (s *Service) CountByStatus(ctx context.Context) (map[Status]int, error) {
	if _, err := reader(ctx); err != nil {
		return nil, err
	}
	if p, _ := PrincipalFrom(ctx); !p.System && p.User.Role != Admin {
		return nil, forbidden("the metrics are for admins")
	}
	return s.store.CountByStatus(ctx)
}

// Pools are the store's database connection pools by name, for the
// metrics; none when the store keeps its own counsel.
func (s *Service) Pools() map[string]*sql.DB {
	if p, ok := s.store.(interface{ Pools() map[string]*sql.DB }); ok {
		return p.Pools()
	}
	return nil
}

// Backup writes a consistent copy of the database to path while it
// serves; the operator (the command line) may. Engines whose own tools do
// it better (PostgreSQL: pg_dump) say so.
func (s *Service) Backup(ctx context.Context, path string) error {
	if p, _ := PrincipalFrom(ctx); !p.System {
		return forbidden("backups are made from the command line")
	}
	b, ok := s.store.(interface {
		Backup(ctx context.Context, path string) error
	})
	if !ok {
		return fmt.Errorf("this database is backed up with its own tools (for PostgreSQL: pg_dump --format=custom; see the README)")
	}
	return b.Backup(ctx, path)
}
