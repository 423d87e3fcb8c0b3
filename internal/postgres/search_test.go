package postgres_test

import (
	"slices"
	"testing"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/storetest"
)

// TestSearchPathsAgree pages through searches for common and rare words
// as the planner chooses, with every tier probed whole (its matches then
// read by id) and with every tier probed and then walked on the recency
// index (a probe of 2 finds more than 2 matches): all give the same hits
// in the same order, with and without filters.
func TestSearchPathsAgree(t *testing.T) {
	s := openFresh(t)
	storetest.Seed(t, s, 120)
	pages := func(f hindsight.ListFilter) [][]string {
		var out [][]string
		for {
			p, err := s.List(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, it := range p.Items {
				ids = append(ids, it.ID)
			}
			out = append(out, ids)
			if p.NextCursor == "" || len(out) > 100 {
				return out
			}
			f.Cursor = p.NextCursor
		}
	}
	for _, f := range []hindsight.ListFilter{
		{Q: "deploy", Limit: 7}, {Q: "database", Limit: 7}, {Q: "timeout", Limit: 5}, {Q: "alert", Limit: 9},
		{Q: "connection pool", Limit: 4}, {Q: "deploy", Severity: "SEV2", Limit: 3}, {Q: "nosuchwordanywhere", Limit: 5},
	} {
		planned := pages(f)
		restore := postgres.ProbeEverySearchTier(1000)
		whole := pages(f)
		restore()
		restore = postgres.ProbeEverySearchTier(2)
		walked := pages(f)
		restore()
		if !slices.EqualFunc(planned, whole, slices.Equal[[]string]) || !slices.EqualFunc(planned, walked, slices.Equal[[]string]) {
			t.Errorf("%+v: as planned %v, probed whole %v, walked %v", f, planned, whole, walked)
		}
		if f.Q != "nosuchwordanywhere" && len(whole[0]) == 0 {
			t.Errorf("%+v: nothing found", f)
		}
	}
}
