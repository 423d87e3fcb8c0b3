package hindsight

import (
	"context"
	"strings"
)

// PersonKey is how names are compared: lower case with single spaces, so
// "Mei  Lin" and "mei lin" are one person however they were typed.
func PersonKey(name string) string { return strings.ToLower(personName(name)) }

// personName is a name with its spacing tidied: "  Mei \t Lin " is
// "Mei Lin". Spacing inside a name carries no meaning, and names that
// differ only in it drift apart in filters and suggestions.
func personName(name string) string { return strings.Join(strings.Fields(name), " ") }

// People lists, once each by PersonKey and in the order they first
// appear, the names p gives for people: the meeting's contact, author and
// facilitator, every perspective in the timeline, countermeasure owners
// and stakeholders.
func (p *PostMortem) People() []string {
	names := []string{p.Meeting.Contact, p.Meeting.CreatedBy, p.Meeting.FacilitatedBy}
	for _, e := range p.Events {
		names = append(names, e.ReportedBy)
	}
	for _, c := range p.Countermeasures {
		names = append(names, c.Owner)
	}
	for _, s := range p.Stakeholders {
		names = append(names, s.Name)
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = personName(n)
		if k := strings.ToLower(n); n != "" && !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// People suggests names as a writer types one: people named in the
// post-mortems the reader may see and the users who may sign in, whose
// name or a word of it starts with q.
func (s *Service) People(ctx context.Context, q string, limit int) ([]string, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case limit <= 0:
		limit = DefaultPeople
	case limit > MaxPeople:
		limit = MaxPeople
	}
	return s.store.People(ctx, PeopleFilter{Q: PersonKey(q), Limit: limit, Audience: audience(who)})
}
