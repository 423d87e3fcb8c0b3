package storetest

import (
	"slices"
	"testing"

	"hindsight"
)

// testSearchTiers pins down how a search orders its matches: every word in
// the title first, then in the title and summary, then anywhere; the most
// recent incident first within each; the same order page by page across
// the tiers' boundaries; and an edit that moves an incident's start moves
// it in its tier.
func testSearchTiers(t *testing.T, open opener) {
	s := open(t, newClock().now)
	create(t, s, Minimal("Body old", startedAt("2024-03-01T10:00:00Z"), func(p *hindsight.PostMortem) { p.Remediation = "Rolled the deploy back." }))
	create(t, s, Minimal("Deploy froze checkout", startedAt("2023-01-01T10:00:00Z")))
	create(t, s, Minimal("Body new", startedAt("2026-06-01T10:00:00Z"), func(p *hindsight.PostMortem) { p.Description = "A deploy went out." }))
	create(t, s, Minimal("Summary only", startedAt("2026-07-01T10:00:00Z"), func(p *hindsight.PostMortem) { p.Summary = "A deploy of the router." }))
	moved := create(t, s, Minimal("Canary deploy stalled", startedAt("2025-01-01T10:00:00Z")))
	create(t, s, Minimal("Deploys queued", startedAt("2025-02-01T10:00:00Z"), func(p *hindsight.PostMortem) { p.Summary = "Deploy queue full." }))
	create(t, s, Minimal("Unrelated", startedAt("2026-08-01T10:00:00Z")))
	want := []string{"Deploys queued", "Canary deploy stalled", "Deploy froze checkout", "Summary only", "Body new", "Body old"}
	if got := titles(list(t, s, hindsight.ListFilter{Q: "deploy"})); !slices.Equal(got, want) {
		t.Fatalf("search order = %q, want %q", got, want)
	}
	for _, size := range []int{1, 2, 4} {
		var got []string
		cursor := ""
		for range 10 {
			page := list(t, s, hindsight.ListFilter{Q: "deploy", Limit: size, Cursor: cursor})
			got = append(got, titles(page)...)
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("pages of %d = %q, want %q", size, got, want)
		}
	}
	// Every word must be in the title for the first tier.
	if got := titles(list(t, s, hindsight.ListFilter{Q: "deploy checkout"})); !slices.Equal(got, []string{"Deploy froze checkout"}) {
		t.Errorf("two words = %q", got)
	}
	if got := titles(list(t, s, hindsight.ListFilter{Q: "deploy router"})); !slices.Equal(got, []string{"Summary only"}) {
		t.Errorf("title and summary words = %q", got)
	}
	moved.Incident.StartedAt = at("2022-01-01T10:00:00Z")
	if err := s.Update(ctx(t), moved, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	want = []string{"Deploys queued", "Deploy froze checkout", "Canary deploy stalled", "Summary only", "Body new", "Body old"}
	if got := titles(list(t, s, hindsight.ListFilter{Q: "deploy"})); !slices.Equal(got, want) {
		t.Errorf("after moving an incident: %q, want %q", got, want)
	}
}
