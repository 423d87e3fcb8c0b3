package storetest

import (
	"slices"
	"testing"

	"hindsight"
)

// testAudience checks that every read that lists post-mortems leaves out
// the restricted ones its audience may not see, and that Head reads the
// access back.
func testAudience(t *testing.T, open opener) {
	s := open(t, newClock().now)
	restricted := func(users, groups []string) func(*hindsight.PostMortem) {
		return func(p *hindsight.PostMortem) {
			p.Access = hindsight.Access{Restricted: true, Users: users, Groups: groups}
			p.Summary = "kestrel outage"
			p.Tags = []string{"sec"}
			p.Countermeasures = []hindsight.Countermeasure{{Title: "Rotate", Owner: "Ola"}}
		}
	}
	open1 := create(t, s, Minimal("open", func(p *hindsight.PostMortem) {
		p.Summary, p.Tags = "kestrel outage", []string{"sec"}
		p.Countermeasures = []hindsight.Countermeasure{{Title: "Rotate", Owner: "Ola"}}
	}))
	byUser := create(t, s, Minimal("for mei", restricted([]string{"mei@example.com"}, nil)))
	byGroup := create(t, s, Minimal("for secops", restricted(nil, []string{"secops"})))
	byAuthor := create(t, s, Minimal("by jo", func(p *hindsight.PostMortem) { restricted(nil, nil)(p); p.AuthorID = "jo-id" }))
	// Updating keeps the readers (they are rewritten with the document).
	byGroup.Title = "for secops, renamed"
	prepare(t, byGroup)
	if err := s.Update(ctx(t), byGroup, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}

	h, err := s.Head(ctx(t), byGroup.ID)
	if err != nil || !h.Access.Restricted || !slices.Equal(h.Access.Groups, []string{"secops"}) || h.Version != 2 {
		t.Fatalf("Head: %+v %v", h, err)
	}
	if h, _ := s.Head(ctx(t), byAuthor.ID); h.AuthorID != "jo-id" {
		t.Fatalf("Head author: %+v", h)
	}
	for _, tc := range []struct {
		name string
		a    hindsight.Audience
		want []string
	}{
		{"everyone", hindsight.Audience{All: true}, []string{open1.ID, byUser.ID, byGroup.ID, byAuthor.ID}},
		{"nobody named", hindsight.Audience{UserID: "x", Email: "x@example.com"}, []string{open1.ID}},
		{"named user, any case", hindsight.Audience{UserID: "m", Email: "MEI@example.com"}, []string{open1.ID, byUser.ID}},
		{"group member", hindsight.Audience{UserID: "s", Email: "s@example.com", Groups: []string{"eng", "SecOps"}}, []string{open1.ID, byGroup.ID}},
		{"author", hindsight.Audience{UserID: "jo-id", Email: "jo@example.com"}, []string{open1.ID, byAuthor.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids := func(items []hindsight.Summary) []string {
				var out []string
				for _, s := range items {
					out = append(out, s.ID)
				}
				return out
			}
			for _, f := range []hindsight.ListFilter{{Audience: tc.a}, {Q: "kestrel", Audience: tc.a}, {Tag: "sec", Audience: tc.a}} {
				if got := ids(list(t, s, f).Items); !sameSet(got, tc.want) {
					t.Errorf("List %+v: %v, want %v", f, got, tc.want)
				}
			}
			facts, err := s.IncidentFacts(ctx(t), hindsight.FactsFilter{Audience: tc.a})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range facts {
				got = append(got, f.ID)
			}
			if !sameSet(got, tc.want) {
				t.Errorf("IncidentFacts: %v, want %v", got, tc.want)
			}
			cms, err := s.ListCountermeasures(ctx(t), hindsight.CountermeasureFilter{Owner: "Ola", Audience: tc.a})
			if err != nil {
				t.Fatal(err)
			}
			got = nil
			for _, c := range cms.Items {
				got = append(got, c.PostMortemID)
			}
			if !sameSet(got, tc.want) {
				t.Errorf("ListCountermeasures: %v, want %v", got, tc.want)
			}
		})
	}
}
