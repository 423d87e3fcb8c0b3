package storetest

import (
	"slices"
	"strings"
	"testing"

	"hindsight"
)

func testSearch(t *testing.T, open opener) {
	s := open(t, newClock().now)
	full := create(t, s, Full())
	create(t, s, Minimal("Unrelated DNS outage", func(p *hindsight.PostMortem) { p.Summary = "Resolvers were slow." }))
	// Each query hits a different field of Full.
	for _, q := range []string{
		"checkout",                // title
		"shrank",                  // summary
		"83 minutes",              // description
		"thread dumps",            // event text
		"saturation alert",        // remediation
		"pooled connections",      // why answer
		"load tested",             // root cause
		"Load test configuration", // countermeasure title
	} {
		page := list(t, s, hindsight.ListFilter{Q: q})
		if len(page.Items) != 1 || page.Items[0].ID != full.ID {
			t.Errorf("search %q = %q, want the full post-mortem", q, titles(page))
			continue
		}
		snip := page.Items[0].Snippet
		if !strings.Contains(snip, hindsight.HighlightStart) || !strings.Contains(snip, hindsight.HighlightEnd) {
			t.Errorf("search %q: snippet %q has no highlight", q, snip)
		}
	}
	// Stemming: the plural finds the singular.
	if page := list(t, s, hindsight.ListFilter{Q: "configurations"}); len(page.Items) != 1 {
		t.Errorf("search for a plural found %q", titles(page))
	}
	if page := list(t, s, hindsight.ListFilter{Q: "CHECKOUT Payments"}); len(page.Items) != 1 {
		t.Errorf("search must ignore case; found %q", titles(page))
	}
	if page := list(t, s, hindsight.ListFilter{Q: "payments nonexistentword"}); len(page.Items) != 0 {
		t.Errorf("every word must match; got %q", titles(page))
	}
	if page := list(t, s, hindsight.ListFilter{Q: "outage", Severity: "SEV2"}); len(page.Items) != 0 {
		t.Errorf("filters apply to searches; got %q", titles(page))
	}
}

func testSearchRanking(t *testing.T, open opener) {
	s := open(t, newClock().now)
	create(t, s, Minimal("Body mention", startedAt("2026-05-01T00:00:00Z"), func(p *hindsight.PostMortem) {
		p.Remediation = "We restarted the kafka consumers."
	}))
	create(t, s, Minimal("Kafka consumer lag", startedAt("2026-01-01T00:00:00Z")))
	got := titles(list(t, s, hindsight.ListFilter{Q: "kafka"}))
	if !slices.Equal(got, []string{"Kafka consumer lag", "Body mention"}) {
		t.Fatalf("ranking %q: a title match must outrank a body match", got)
	}
}

func testSearchPaging(t *testing.T, open opener) {
	s := open(t, newClock().now)
	for range 12 {
		create(t, s, Minimal("Cache stampede", func(p *hindsight.PostMortem) { p.Summary = "cache" }))
	}
	seen := map[string]bool{}
	cursor := ""
	for range 10 {
		page := list(t, s, hindsight.ListFilter{Q: "cache", Limit: 5, Cursor: cursor})
		for _, it := range page.Items {
			if seen[it.ID] {
				t.Fatalf("%s found twice", it.ID)
			}
			seen[it.ID] = true
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != 12 {
		t.Fatalf("paged search found %d of 12", len(seen))
	}
	// A cursor from a search cannot page the plain list, and vice versa.
	first := list(t, s, hindsight.ListFilter{Q: "cache", Limit: 5})
	if _, err := s.List(ctx(t), hindsight.ListFilter{Limit: 5, Cursor: first.NextCursor}); err == nil {
		t.Error("a search cursor was accepted by the plain list")
	}
}

func testSearchHostileInput(t *testing.T, open opener) {
	s := open(t, newClock().now)
	create(t, s, Minimal("Zürich datacenter power loss", func(p *hindsight.PostMortem) { p.Summary = `He said "NEAR" AND OR * ^ -x` }))
	for _, q := range []string{`"`, `'`, `*`, `AND`, `OR NOT`, `NEAR(`, `a:b`, `-x`, `^`, `title:x`, `(((`, `\`, `ü`, `😀`, `%`, `_`, `;DROP TABLE postmortems;--`, strings.Repeat("x ", 300)} {
		if _, err := s.List(ctx(t), hindsight.ListFilter{Q: q}); err != nil {
			t.Errorf("search %q failed: %v", q, err)
		}
	}
	if page := list(t, s, hindsight.ListFilter{Q: "zürich"}); len(page.Items) != 1 {
		t.Errorf("unicode search found %q", titles(page))
	}
}
