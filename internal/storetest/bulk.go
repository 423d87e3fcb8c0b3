package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/demo"
)

// LoadPair fills two stores with the same demo post-mortems through the
// service, as `hindsight demo` makes them: both take the first `before`
// saved in batches (CreateMany), then a takes `after` more the same way
// and b takes them in one bulk load (CreateAll); before is a multiple of
// batch. Both are stamped with
// the same times, and ids are fixed, so the stores must end up equal:
// each engine compares their tables, and testCreateAll what they read
// back.
func LoadPair(t *testing.T, a, b hindsight.Store, before, after, batch int) {
	t.Helper()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	made := demo.Generate(7, before+after, now)
	for _, p := range made {
		p.ID = hindsight.NewID()
		p.Normalize() // gives each countermeasure its id, the same in both stores
	}
	copies := func() [][]*hindsight.PostMortem {
		raw, err := json.Marshal(made)
		if err != nil {
			t.Fatal(err)
		}
		var ps []*hindsight.PostMortem
		if err := json.Unmarshal(raw, &ps); err != nil {
			t.Fatal(err)
		}
		var out [][]*hindsight.PostMortem
		for from := 0; from < len(ps); from += batch {
			out = append(out, ps[from:min(from+batch, len(ps))])
		}
		return out
	}
	svc := func(s hindsight.Store) *hindsight.Service {
		v := hindsight.NewService(s, hindsight.DefaultPolicy())
		v.Now = func() time.Time { return now }
		return v
	}
	as, bs := svc(a), svc(b)
	c := hindsight.CommandLine(t.Context())
	for i, ps := range copies() {
		if i*batch < before {
			for _, s := range []*hindsight.Service{as, bs} {
				if err := s.CreateMany(c, cloneAll(ps)); err != nil {
					t.Fatalf("CreateMany: %v", err)
				}
			}
			continue
		}
		if err := as.CreateMany(c, ps); err != nil {
			t.Fatalf("CreateMany: %v", err)
		}
	}
	if err := bs.CreateAll(c, func(yield func([]*hindsight.PostMortem) bool) {
		for i, ps := range copies() {
			if i*batch >= before && !yield(ps) {
				return
			}
		}
	}); err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
}

func cloneAll(ps []*hindsight.PostMortem) []*hindsight.PostMortem {
	raw, _ := json.Marshal(ps)
	var out []*hindsight.PostMortem
	json.Unmarshal(raw, &out)
	return out
}

// testCreateAll checks that a bulk load stores what saves store: every
// read gives the same answer from a store filled by saves and from one
// filled by a load, whether the load started on an empty store (which it
// may load with its indexes dropped) or on one holding post-mortems.
func testCreateAll(t *testing.T, open opener) {
	for _, before := range []int{0, 60} {
		t.Run(fmt.Sprintf("after%d", before), func(t *testing.T) {
			c := newClock()
			a, b := open(t, c.now), open(t, c.now)
			LoadPair(t, a, b, before, 180, 40)
			SameReads(t, a, b)
		})
	}
}

// SameReads fails the test unless the two stores answer every read alike:
// documents, lists and their filters, searches, the tracker, people,
// insights, history and the data version.
func SameReads(t *testing.T, a, b hindsight.Store) {
	t.Helper()
	all := hindsight.Audience{All: true}
	same := func(what string, read func(s hindsight.Store) (any, error)) {
		t.Helper()
		x, err := read(a)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		y, err := read(b)
		if err != nil {
			t.Fatalf("%s, loaded: %v", what, err)
		}
		if jx, jy := mustJSON(t, x), mustJSON(t, y); jx != jy {
			t.Fatalf("%s differs between saved and loaded:\n saved  %.600s\n loaded %.600s", what, jx, jy)
		}
	}
	same("data version", func(s hindsight.Store) (any, error) { return dataVersion(ctx(t), s) })
	same("counts", func(s hindsight.Store) (any, error) { return s.CountByStatus(ctx(t)) })
	var ids []string
	for _, f := range []hindsight.ListFilter{
		{}, {Severity: "SEV1"}, {Status: hindsight.StatusPublished}, {Tag: "database"}, {Tag: "payments"}, {Tag: "checkout"},
		{Team: "Payments"}, {Service: "checkout"},
		{Q: "deploy"}, {Q: "connection pool"}, {Q: "timeouts"}, {Q: "certificate rotated"}, {Q: "Priya"}, {Q: "kafka", Severity: "SEV3"},
	} {
		f.Audience, f.Limit = all, 50
		same(fmt.Sprintf("list %+v", f), func(s hindsight.Store) (any, error) {
			return allPages(func(cursor string) ([]hindsight.Summary, string, error) {
				g := f
				g.Cursor = cursor
				page, err := s.List(ctx(t), g)
				return page.Items, page.NextCursor, err
			})
		})
		if f.Q == "" && f.Severity == "" && f.Status == "" && f.Tag == "" && f.Team == "" && f.Service == "" {
			page, err := a.List(ctx(t), hindsight.ListFilter{Audience: all, Limit: hindsight.MaxPageSize})
			if err != nil || len(page.Items) == 0 {
				t.Fatalf("nothing stored: %v", err)
			}
			for _, it := range page.Items {
				ids = append(ids, it.ID)
			}
		}
	}
	for _, id := range ids {
		same("post-mortem "+id, func(s hindsight.Store) (any, error) { return s.Get(ctx(t), id) })
		same("history of "+id, func(s hindsight.Store) (any, error) {
			return s.Revisions(ctx(t), id, hindsight.RevisionFilter{})
		})
	}
	for _, f := range []hindsight.CountermeasureFilter{
		{}, {Sort: "priority"}, {Overdue: true, Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, {Owner: "Priya Raman"},
		{Status: hindsight.CMDone}, {Tag: "database", Severity: "SEV2"}, {Tag: "search"},
	} {
		f.Audience, f.Limit = all, 100
		same(fmt.Sprintf("tracker %+v", f), func(s hindsight.Store) (any, error) {
			return allPages(func(cursor string) ([]hindsight.CountermeasureRow, string, error) {
				g := f
				g.Cursor = cursor
				page, err := s.ListCountermeasures(ctx(t), g)
				return page.Items, page.NextCursor, err
			})
		})
	}
	for _, q := range []string{"", "m", "lena", "tomás"} {
		same("people "+q, func(s hindsight.Store) (any, error) {
			return s.People(ctx(t), hindsight.PeopleFilter{Q: q, Limit: hindsight.MaxPeople, Audience: all})
		})
	}
	same("insights", func(s hindsight.Store) (any, error) {
		facts, err := s.IncidentFacts(ctx(t), hindsight.FactsFilter{Audience: all})
		// IncidentFacts promises no order of a post-mortem's
		// countermeasures: it follows the plan the database picks, and
		// the loaded store's statistics are fresh.
		for _, f := range facts {
			slices.SortFunc(f.Countermeasures, func(x, y hindsight.CountermeasureFact) int {
				return strings.Compare(mustJSON(t, x), mustJSON(t, y))
			})
		}
		return facts, err
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// testCreateAllAllOrNothing checks that a load that fails part-way —
// on a repeated id in a later batch, or on an error the batches bring —
// leaves nothing written, and the store as it was: saves and searches
// work after it.
func testCreateAllAllOrNothing(t *testing.T, open opener) {
	s := open(t, newClock().now)
	before, err := dataVersion(ctx(t), s)
	if err != nil {
		t.Fatal(err)
	}
	first := demo.Generate(3, 30, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	for _, p := range first {
		prepare(t, p)
		p.ID = hindsight.NewID()
	}
	again := Minimal("Repeats an id")
	prepare(t, again)
	again.ID = first[3].ID
	broken := errors.New("the batches broke")
	for name, second := range map[string]func(yield func([]*hindsight.PostMortem, error) bool){
		"repeated id": func(yield func([]*hindsight.PostMortem, error) bool) {
			_ = yield([]*hindsight.PostMortem{again}, nil)
		},
		"error": func(yield func([]*hindsight.PostMortem, error) bool) { _ = yield(nil, broken) },
	} {
		err := s.CreateAll(ctx(t), func(yield func([]*hindsight.PostMortem, error) bool) {
			if yield(cloneAll(first), nil) {
				second(yield)
			}
		})
		if err == nil || (name == "error" && !errors.Is(err, broken)) {
			t.Fatalf("%s: CreateAll = %v", name, err)
		}
		if name == "repeated id" && !errors.As(err, new(*hindsight.ValidationError)) {
			t.Fatalf("a repeated id is not refused as bad input: %v", err)
		}
		page, err := s.List(ctx(t), hindsight.ListFilter{Audience: hindsight.Audience{All: true}})
		if err != nil || len(page.Items) != 0 {
			t.Fatalf("%s: a failed load left %d post-mortems (%v)", name, len(page.Items), err)
		}
		if v, err := dataVersion(ctx(t), s); err != nil || v != before {
			t.Fatalf("%s: data version %d after a failed load, was %d (%v)", name, v, before, err)
		}
	}
	p := create(t, s, Full())
	page, err := s.List(ctx(t), hindsight.ListFilter{Q: "gateway pool", Audience: hindsight.Audience{All: true}})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != p.ID {
		t.Fatalf("a save after failed loads is not found: %+v %v", page.Items, err)
	}
}

// FirstDifference is the first line where two table dumps differ, with
// the table ("== name" line) it is in.
func FirstDifference(saved, loaded string) string {
	xs, ys := strings.Split(saved, "\n"), strings.Split(loaded, "\n")
	table := ""
	for i := range min(len(xs), len(ys)) {
		if strings.HasPrefix(xs[i], "== ") {
			table = xs[i]
		}
		if xs[i] != ys[i] {
			return fmt.Sprintf("%s line %d\n saved  %.300s\n loaded %.300s", table, i, xs[i], ys[i])
		}
	}
	return fmt.Sprintf("%d lines saved, %d loaded", len(xs), len(ys))
}

// allPages reads every page of a paged list.
func allPages[T any](read func(cursor string) ([]T, string, error)) ([]T, error) {
	var items []T
	cursor := ""
	for {
		page, next, err := read(cursor)
		if err != nil {
			return nil, err
		}
		items = append(items, page...)
		if next == "" {
			return items, nil
		}
		cursor = next
	}
}
