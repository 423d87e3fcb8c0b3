package hindsight

import (
	"context"
	"slices"
	"strings"
)

// Audience of an announcement: the users it is for and whether its
// post-mortem is restricted (then it goes to nobody else: no chat channel,
// no mailing list).
type AnnouncementAudience struct {
	Users      []User
	Restricted bool
}

// AnnouncementAudience works out, as the post-mortem is now, who an
// announcement is for: the people addressed (reviewers asked, people
// mentioned, owners of an overdue countermeasure) and, for news of the
// post-mortem itself, the people concerned — its author, stakeholders,
// reviewers and countermeasure owners who have accounts. Each must be active and allowed to read
// it. Only the queue (housekeeping) and admins may ask. ErrNotFound when
// the post-mortem is gone.
func (s *Service) AnnouncementAudience(ctx context.Context, a Announcement) (AnnouncementAudience, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return AnnouncementAudience{}, err
	}
	p, err := s.store.Get(ctx, a.PostMortemID)
	if err != nil {
		return AnnouncementAudience{}, err
	}
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return AnnouncementAudience{}, err
	}
	want := map[string]bool{}
	for _, id := range a.Recipients {
		want[id] = true
	}
	news := a.Kind == AnnouncePublished || a.Kind == AnnounceRepublished
	if news || a.Kind == AnnounceOverdue || a.Kind == AnnounceRevisitDue {
		want[p.AuthorID] = true
	}
	var reviewers []string
	if news {
		rec, err := s.store.ReviewRecord(ctx, p.ID)
		if err != nil {
			return AnnouncementAudience{}, err
		}
		for _, r := range rec.Requests {
			reviewers = append(reviewers, r.ReviewerID)
		}
	}
	out := AnnouncementAudience{Users: []User{}, Restricted: p.Access.Restricted}
	for _, u := range users {
		concerned := want[u.ID] || slices.Contains(reviewers, u.ID)
		switch {
		case a.Kind == AnnounceRevisitDue:
			concerned = concerned || revisitConcerns(&u, p)
		case news:
			concerned = concerned || namedIn(&u, p)
		}
		if concerned && !u.Disabled && u.Email != "" && mayRead(Principal{User: &u}, headOf(p)) {
			out.Users = append(out.Users, u)
		}
	}
	return out, nil
}

// namedIn reports whether a user is one of a post-mortem's stakeholders
// (by address) or owns one of its countermeasures.
func namedIn(u *User, p *PostMortem) bool {
	return slices.ContainsFunc(p.Stakeholders, func(st Stakeholder) bool { return u.Email != "" && strings.EqualFold(st.Email, u.Email) }) ||
		slices.ContainsFunc(p.Countermeasures, func(c Countermeasure) bool { return u.Is(c.Owner) })
}

// revisitConcerns reports whether a post-mortem's revisit is a user's
// business: they wrote it, are one of its stakeholders, own one of its
// countermeasures, or follow its team or one of its services (see
// User.Follows) — the revisit asks whether what was decided was done and
// still works, which is theirs to answer.
func revisitConcerns(u *User, p *PostMortem) bool {
	return p.AuthorID == u.ID || namedIn(u, p) || len(u.Follows(p.Team, p.Services)) > 0
}
