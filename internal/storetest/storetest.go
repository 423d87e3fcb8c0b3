// Package storetest is the conformance suite every hindsight.Store runs:
// the SQLite and PostgreSQL engines must behave identically, so one suite
// states the behaviour once and each engine's tests call Run.
package storetest

import (
	"context"
	"iter"
	"testing"
	"time"

	"hindsight"
)

// Opener returns a fresh, empty store.
type Opener func(t *testing.T) hindsight.Store

// opener is what each test calls: a fresh store whose writes are stamped
// by now(), as the service stamps them.
type opener func(t *testing.T, now func() time.Time) hindsight.Store

// Run runs every conformance test against stores made by open.
func Run(t *testing.T, open Opener) {
	stamped := func(t *testing.T, now func() time.Time) hindsight.Store { return &clocked{open(t), now} }
	tests := map[string]func(*testing.T, opener){
		"RoundTrip":                 testRoundTrip,
		"GetMissing":                testGetMissing,
		"UpdateBumpsVersion":        testUpdateBumpsVersion,
		"StaleUpdateChangesNothing": testStaleUpdate,
		"ConcurrentUpdatesOneWins":  testConcurrentUpdates,
		"UpdateMissing":             testUpdateMissing,
		"CreateManyAllOrNothing":    testCreateManyAllOrNothing,
		"CreateAll":                 testCreateAll,
		"CreateAllAllOrNothing":     testCreateAllAllOrNothing,
		"Delete":                    testDelete,
		"ListNewestFirst":           testListNewestFirst,
		"ListFilters":               testListFilters,
		"ListPaging":                testListPaging,
		"ListBadInput":              testListBadInput,
		"Search":                    testSearch,
		"SearchRanking":             testSearchRanking,
		"SearchPaging":              testSearchPaging,
		"SearchTiers":               testSearchTiers,
		"DataVersion":               testDataVersion,
		"IdentityVersion":           testIdentityVersion,
		"ReadsVersion":              testReadsVersion,
		"SearchHostileInput":        testSearchHostileInput,
		"Countermeasures":           testCountermeasures,
		"CountermeasurePaging":      testCountermeasurePaging,
		"IncidentFacts":             testIncidentFacts,
		"Attachments":               testAttachments,
		"Uploads":                   testUploads,
		"UploadsClaimedOnce":        testUploadsClaimedOnce,
		"PurgeUploads":              testPurgeUploads,
		"People":                    testPeople,
		"Audience":                  testAudience,
		"Users":                     testUsers,
		"Sessions":                  testSessions,
		"Tokens":                    testTokens,
		"OneTimeLinks":              testOneTimeLinks,
		"Failures":                  testFailures,
		"Audit":                     testAudit,
		"ClaimJob":                  testClaimJob,
		"Reads":                     testReads,
		"Revisits":                  testRevisits,
		"PublicSummaries":           testPublicSummaries,
		"Invitations":               testInvitations,
		"History":                   testHistory,
		"HistoryPaging":             testHistoryPaging,
		"Trash":                     testTrash,
		"TrashList":                 testTrashList,
		"Purge":                     testPurge,
		"PurgeConcurrently":         testPurgeConcurrently,
		"UpdateDeleteRace":          testUpdateDeleteRace,
		"Settings":                  testSettings,
		"Webhooks":                  testWebhooks,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, stamped)
		})
	}
}

// clocked stamps writes with a test's clock the way hindsight.Service
// does, so the suite can check what a store keeps of the stamps.
type clocked struct {
	hindsight.Store
	now func() time.Time
}

func (c *clocked) Create(ctx context.Context, p *hindsight.PostMortem) error {
	return c.CreateMany(ctx, []*hindsight.PostMortem{p})
}

func (c *clocked) CreateMany(ctx context.Context, ps []*hindsight.PostMortem) error {
	for _, p := range ps {
		p.CreatedAt, p.UpdatedAt, p.UpdatedBy, p.UpdatedByID = c.now(), c.now(), hindsight.ActorFrom(ctx), actorID(ctx)
	}
	return c.Store.CreateMany(ctx, ps)
}

func (c *clocked) CreateAll(ctx context.Context, batches iter.Seq2[[]*hindsight.PostMortem, error]) error {
	return c.Store.CreateAll(ctx, func(yield func([]*hindsight.PostMortem, error) bool) {
		for ps, err := range batches {
			for _, p := range ps {
				p.CreatedAt, p.UpdatedAt, p.UpdatedBy, p.UpdatedByID = c.now(), c.now(), hindsight.ActorFrom(ctx), actorID(ctx)
			}
			if !yield(ps, err) || err != nil {
				return
			}
		}
	})
}

func (c *clocked) Update(ctx context.Context, p *hindsight.PostMortem, change hindsight.Change, audit ...hindsight.AuditEvent) error {
	p.UpdatedAt, p.UpdatedBy, p.UpdatedByID = c.now(), hindsight.ActorFrom(ctx), actorID(ctx)
	return c.Store.Update(ctx, p, change, audit...)
}

// actorID is the id of the context's user, as the service stamps it.
func actorID(ctx context.Context) string {
	if p, ok := hindsight.PrincipalFrom(ctx); ok && p.User != nil {
		return p.User.ID
	}
	return ""
}

// asUser is a context whose principal is a user of that name.
func asUser(ctx context.Context, name string) context.Context {
	return hindsight.WithPrincipal(ctx, hindsight.Principal{User: &hindsight.User{ID: hindsight.NewID(), Name: name}})
}

func (c *clocked) PutAttachment(ctx context.Context, a *hindsight.Attachment) error {
	a.CreatedAt = c.now()
	return c.Store.PutAttachment(ctx, a)
}

func (c *clocked) PutUpload(ctx context.Context, u *hindsight.Upload) error {
	u.CreatedAt = c.now()
	return c.Store.PutUpload(ctx, u)
}

// clock is a settable "now" for a test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *clock { return &clock{t: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)} }

func ctx(t *testing.T) context.Context { return t.Context() }

func at(s string) *time.Time {
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &v
}

// create stores p through the same preparation the service applies.
func create(t *testing.T, s hindsight.Store, p *hindsight.PostMortem) *hindsight.PostMortem {
	t.Helper()
	prepare(t, p)
	if err := s.Create(ctx(t), p); err != nil {
		t.Fatalf("Create %q: %v", p.Title, err)
	}
	return p
}

func prepare(t *testing.T, p *hindsight.PostMortem) {
	t.Helper()
	p.Normalize()
	if err := p.Validate(hindsight.DefaultPolicy()); err != nil {
		t.Fatalf("fixture %q invalid: %v", p.Title, err)
	}
}
