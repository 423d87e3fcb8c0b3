package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"hindsight"
)

func titles(p hindsight.Page) []string {
	out := make([]string, len(p.Items))
	for i, s := range p.Items {
		out[i] = s.Title
	}
	return out
}

func list(t *testing.T, s hindsight.Store, f hindsight.ListFilter) hindsight.Page {
	t.Helper()
	p, err := s.List(ctx(t), f)
	if err != nil {
		t.Fatalf("List(%+v): %v", f, err)
	}
	return p
}

func testListNewestFirst(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	create(t, s, Minimal("old", startedAt("2025-01-01T00:00:00Z")))
	create(t, s, Minimal("new", startedAt("2026-05-01T00:00:00Z")))
	c.add(time.Hour)
	create(t, s, Minimal("no start, created now")) // sorts by creation time
	create(t, s, Minimal("middle", startedAt("2025-06-01T00:00:00Z")))
	got := titles(list(t, s, hindsight.ListFilter{}))
	want := []string{"no start, created now", "new", "middle", "old"}
	if !slices.Equal(got, want) {
		t.Fatalf("order %q, want %q", got, want)
	}
	page := list(t, s, hindsight.ListFilter{Limit: 1})
	sum := page.Items[0]
	if sum.ID == "" || sum.Version != 1 || sum.CreatedAt.IsZero() {
		t.Errorf("summary lacks identity: %+v", sum)
	}
}

func testListFilters(t *testing.T, open opener) {
	s := open(t, newClock().now)
	create(t, s, Minimal("a", startedAt("2026-01-10T00:00:00Z"), func(p *hindsight.PostMortem) {
		p.Severity, p.Status, p.Tags = "SEV1", hindsight.StatusPublished, []string{"Payments", "db"}
		p.Team, p.Services = "Payments", []string{"checkout", "ledger"}
	}))
	create(t, s, Minimal("b", startedAt("2026-02-10T00:00:00Z"), func(p *hindsight.PostMortem) {
		p.Severity, p.Tags = "SEV2", []string{"payments"}
		p.Team, p.Services = "Storage", []string{"Ledger"}
	}))
	create(t, s, Minimal("c", startedAt("2026-03-10T00:00:00Z"), func(p *hindsight.PostMortem) {
		p.Severity, p.Status, p.Tags = "SEV1", hindsight.StatusPublished, []string{"network"}
	}))
	tests := []struct {
		name string
		f    hindsight.ListFilter
		want []string
	}{
		{"tag, any case", hindsight.ListFilter{Tag: "PAYMENTS"}, []string{"b", "a"}},
		{"severity", hindsight.ListFilter{Severity: "SEV1"}, []string{"c", "a"}},
		{"status", hindsight.ListFilter{Status: hindsight.StatusDraft}, []string{"b"}},
		{"from inclusive", hindsight.ListFilter{From: at("2026-02-10T00:00:00Z")}, []string{"c", "b"}},
		{"to exclusive", hindsight.ListFilter{To: at("2026-02-10T00:00:00Z")}, []string{"a"}},
		{"range and severity", hindsight.ListFilter{From: at("2026-01-01T00:00:00Z"), To: at("2026-03-01T00:00:00Z"), Severity: "SEV1"}, []string{"a"}},
		{"combined with search", hindsight.ListFilter{Tag: "payments", Severity: "SEV2", Q: "b"}, nil},
		{"unknown tag", hindsight.ListFilter{Tag: "nope"}, []string{}},
		{"team, any case", hindsight.ListFilter{Team: "payments"}, []string{"a"}},
		{"service, any case", hindsight.ListFilter{Service: "LEDGER"}, []string{"b", "a"}},
		{"service and status", hindsight.ListFilter{Service: "ledger", Status: hindsight.StatusPublished}, []string{"a"}},
		{"service named only in part", hindsight.ListFilter{Service: "ledg"}, []string{}},
	}
	for _, tt := range tests {
		if tt.want == nil {
			continue
		}
		got := titles(list(t, s, tt.f))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func testListPaging(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	want := map[string]bool{}
	for i := range 23 {
		// Several share a start time, so the keyset must break ties.
		start := time.Date(2026, 1, 1+i/3, 0, 0, 0, 0, time.UTC)
		p := create(t, s, Minimal("pm", func(p *hindsight.PostMortem) { p.Incident.StartedAt = &start }))
		want[p.ID] = true
	}
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		page := list(t, s, hindsight.ListFilter{Limit: 5, Cursor: cursor})
		pages++
		for _, it := range page.Items {
			if seen[it.ID] {
				t.Fatalf("%s listed twice", it.ID)
			}
			seen[it.ID] = true
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
		// A post-mortem added while paging must not shift the pages.
		if pages == 2 {
			create(t, s, Minimal("added later", startedAt("2027-01-01T00:00:00Z")))
		}
	}
	if pages != 5 || len(seen) != 23 {
		t.Fatalf("%d pages listed %d of 23", pages, len(seen))
	}
}

func testListBadInput(t *testing.T, open opener) {
	s := open(t, newClock().now)
	for name, f := range map[string]hindsight.ListFilter{
		"cursor": {Cursor: "not-a-cursor"},
		"limit":  {Limit: hindsight.MaxPageSize + 1},
	} {
		_, err := s.List(ctx(t), f)
		var v *hindsight.ValidationError
		if !errors.As(err, &v) || v.Fields[0].Field != name {
			t.Errorf("List with bad %s = %v, want a ValidationError on %q", name, err, name)
		}
	}
}
