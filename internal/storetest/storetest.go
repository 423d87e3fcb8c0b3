// Package storetest is the conformance suite every hindsight.Store runs:
// the SQLite and PostgreSQL engines must behave identically, so one suite
// states the behaviour once and each engine's tests call Run.
package storetest

import (
	"context"
	"testing"
	"time"

	"hindsight"
)

// Opener returns a fresh, empty store whose clock is now().
type Opener func(t *testing.T, now func() time.Time) hindsight.Store

// Run runs every conformance test against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := map[string]func(*testing.T, Opener){
		"RoundTrip":                 testRoundTrip,
		"GetMissing":                testGetMissing,
		"UpdateBumpsVersion":        testUpdateBumpsVersion,
		"StaleUpdateChangesNothing": testStaleUpdate,
		"ConcurrentUpdatesOneWins":  testConcurrentUpdates,
		"UpdateMissing":             testUpdateMissing,
		"CreateManyAllOrNothing":    testCreateManyAllOrNothing,
		"Delete":                    testDelete,
		"ListNewestFirst":           testListNewestFirst,
		"ListFilters":               testListFilters,
		"ListPaging":                testListPaging,
		"ListBadInput":              testListBadInput,
		"Search":                    testSearch,
		"SearchRanking":             testSearchRanking,
		"SearchPaging":              testSearchPaging,
		"SearchHostileInput":        testSearchHostileInput,
		"Countermeasures":           testCountermeasures,
		"CountermeasurePaging":      testCountermeasurePaging,
		"IncidentFacts":             testIncidentFacts,
		"Attachments":               testAttachments,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, open)
		})
	}
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
