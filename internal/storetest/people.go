package storetest

import (
	"slices"
	"testing"

	"hindsight"
)

// testPeople checks name suggestions: every place a post-mortem names a
// person, users who may sign in, one suggestion per person however the
// name was spaced or cased, names from restricted post-mortems only for
// their readers, and names dropped from a post-mortem no longer offered.
func testPeople(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	create(t, s, Minimal("open", func(p *hindsight.PostMortem) {
		p.Meeting = hindsight.Meeting{Contact: "Mei Lin", CreatedBy: "Ben Okafor", FacilitatedBy: "Ana Souza"}
		p.Events = []hindsight.Event{{ReportedBy: "Linus Berg", Text: "x"}, {ReportedBy: "mei  lin", Text: "y"}}
		p.Countermeasures = []hindsight.Countermeasure{{Title: "t", Owner: "Carla Mendes"}}
		p.Stakeholders = []hindsight.Stakeholder{{Name: "Support desk"}}
	}))
	secret := create(t, s, Minimal("restricted", func(p *hindsight.PostMortem) {
		p.Access = hindsight.Access{Restricted: true, Users: []string{"sec@example.com"}}
		p.Stakeholders = []hindsight.Stakeholder{{Name: "Lina Secret"}}
	}))
	active, disabled := newUser("ola@example.com", hindsight.Editor, c), newUser("gone@example.com", hindsight.Editor, c)
	active.Name, disabled.Name, disabled.Disabled = "Ola Nordmann", "Lindsay Gone", true
	for _, u := range []*hindsight.User{active, disabled} {
		if err := s.CreateUser(ctx(t), u, hindsight.Credentials{}); err != nil {
			t.Fatal(err)
		}
	}
	anyone := hindsight.Audience{UserID: "x", Email: "x@example.com"}
	reader := hindsight.Audience{UserID: "s", Email: "sec@example.com"}
	people := func(q string, a hindsight.Audience, limit int) []string {
		t.Helper()
		got, err := s.People(ctx(t), hindsight.PeopleFilter{Q: hindsight.PersonKey(q), Audience: a, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, tc := range []struct {
		name, q string
		a       hindsight.Audience
		limit   int
		want    []string
	}{
		{"everyone, by name", "", anyone, 0, []string{"Ana Souza", "Ben Okafor", "Carla Mendes", "Linus Berg", "Mei Lin", "Ola Nordmann", "Support desk"}},
		{"first word first, then any word", "lin", anyone, 0, []string{"Linus Berg", "Mei Lin"}},
		{"any case and spacing", "  MEI   l", anyone, 0, []string{"Mei Lin"}},
		{"a restricted post-mortem's reader", "lin", reader, 0, []string{"Lina Secret", "Linus Berg", "Mei Lin"}},
		{"admins", "lin", hindsight.Audience{All: true}, 0, []string{"Lina Secret", "Linus Berg", "Mei Lin"}},
		{"users", "ola", anyone, 0, []string{"Ola Nordmann"}},
		{"limit", "", anyone, 2, []string{"Ana Souza", "Ben Okafor"}},
		{"wildcards are text", "%", anyone, 0, nil},
	} {
		if got := people(tc.q, tc.a, tc.limit); !slices.Equal(got, tc.want) {
			t.Errorf("%s: People(%q) = %q, want %q", tc.name, tc.q, got, tc.want)
		}
	}
	// A name taken out of the only post-mortem that gave it is no longer
	// offered.
	secret.Stakeholders = nil
	secret.Access.Restricted = false
	prepare(t, secret)
	if err := s.Update(ctx(t), secret, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	if got := people("lina", hindsight.Audience{All: true}, 0); len(got) != 0 {
		t.Errorf("a removed name is still offered: %q", got)
	}
}
