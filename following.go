package hindsight

import (
	"context"
	"slices"
	"strings"
)

// maxFollowed bounds the teams, and the services, one user follows.
const maxFollowed = 100

// SetFollowing sets the teams and services the signed-in user follows:
// the published post-mortems of those teams and naming those services are
// theirs to read, and their weekly digest names the revisits due of
// those. Single sign-on groups rarely spell a team or a service the way
// post-mortems do, so people choose them here. Names are kept as typed,
// once each ignoring case; the change is audited.
func (s *Service) SetFollowing(ctx context.Context, teams, services []string) (*User, error) {
	return s.changeMe(ctx, func(me *User) (string, string, error) {
		teams, services = cleanList(teams), cleanList(services)
		v := &ValidationError{}
		for _, l := range []struct {
			field string
			items []string
		}{{"teams", teams}, {"services", services}} {
			if len(l.items) > maxFollowed {
				v.Add(l.field, "at most %d", maxFollowed)
				continue
			}
			listItems(v, l.field, l.items)
		}
		if err := v.OrNil(); err != nil {
			return "", "", err
		}
		me.Teams, me.Services = teams, services
		return "user.following", "teams: " + orNone(strings.Join(teams, ", ")) + "; services: " + orNone(strings.Join(services, ", ")), nil
	})
}

// changeMe applies a change the signed-in user makes to their own
// account, refused with a read-only token, and audits it in the same
// transaction.
func (s *Service) changeMe(ctx context.Context, change func(me *User) (action, detail string, err error)) (*User, error) {
	me, err := s.Me(ctx)
	if err != nil {
		return nil, err
	}
	who, err := writer(ctx)
	if err != nil {
		return nil, err
	}
	action, detail, err := change(me)
	if err != nil {
		return nil, err
	}
	if err := s.store.UpdateUser(ctx, me, s.event(who, action, me.Email, detail)); err != nil {
		return nil, err
	}
	return me, nil
}

// followableScan bounds how many of the newest post-mortems
// TeamsAndServices looks through.
const followableScan = 5 * MaxPageSize

// TeamsAndServices lists the team and service names of the newest
// post-mortems the reader may see, once each ignoring case, sorted: what
// there is to follow.
func (s *Service) TeamsAndServices(ctx context.Context) (teams, services []string, err error) {
	f := ListFilter{Limit: MaxPageSize}
	for seen := 0; seen < followableScan; {
		page, err := s.List(ctx, f)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range page.Items {
			teams = append(teams, p.Team)
			services = append(services, p.Services...)
		}
		seen += len(page.Items)
		if f.Cursor = page.NextCursor; f.Cursor == "" {
			break
		}
	}
	return sortedNames(teams), sortedNames(services), nil
}

// sortedNames is names once each ignoring case, in alphabetical order.
func sortedNames(names []string) []string {
	out := cleanList(names)
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}
