package hindsight

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Digest is one user's weekly e-mail: the post-mortems published (or
// announced again) since, the countermeasures they own that are overdue,
// and the revisits due for them — only what the user may read. The guide
// asks to "encourage others in the organization to read them" and to
// "revisit post-mortems from time to time"; a weekly summary reaches
// people who do not follow every announcement.
type Digest struct {
	User      User                `json:"user"`
	Since     time.Time           `json:"since"`
	Published []Summary           `json:"published"`
	Overdue   []CountermeasureRow `json:"overdue"`
	// Revisits are the revisits not yet recorded that are overdue (by at
	// most 90 days) or fall due before the next digest, of post-mortems
	// that concern the user (see revisitConcerns), the earliest first.
	Revisits []DigestRevisit `json:"revisits"`
}

// DigestRevisit is a revisit in a digest: Overdue when its date has
// passed, due within the week otherwise.
type DigestRevisit struct {
	DueRevisit
	Overdue bool `json:"overdue"`
}

// Empty reports a digest with nothing to tell, which is not sent.
func (d Digest) Empty() bool {
	return len(d.Published) == 0 && len(d.Overdue) == 0 && len(d.Revisits) == 0
}

// DigestWeek is how far ahead a digest looks for revisits: until the next
// one.
const DigestWeek = 7 * 24 * time.Hour

// digestScan bounds how many of the newest published post-mortems and
// overdue countermeasures a digest looks through.
const digestScan = 5 * MaxPageSize

// Digest gathers a user's digest of what happened since; only
// housekeeping (and the command line) may, for users who are active and
// have an e-mail address.
func (s *Service) Digest(ctx context.Context, userID string, since time.Time) (Digest, error) {
	if p, _ := PrincipalFrom(ctx); !p.System {
		return Digest{}, forbidden("digests are the instance's own")
	}
	u, err := s.store.GetUser(ctx, userID)
	if err != nil {
		return Digest{}, err
	}
	if u.Disabled {
		return Digest{}, fmt.Errorf("user %s is disabled: %w", u.Email, ErrInvalid)
	}
	d := Digest{User: *u, Since: since, Published: []Summary{}, Overdue: []CountermeasureRow{}, Revisits: []DigestRevisit{}}
	as := WithPrincipal(ctx, Principal{User: u, Via: "digest"})
	cursor := ""
	for seen := 0; seen < digestScan; {
		page, err := s.List(as, ListFilter{Status: StatusPublished, Limit: MaxPageSize, Cursor: cursor})
		if err != nil {
			return Digest{}, err
		}
		for _, sm := range page.Items {
			if sm.UpdatedAt.Before(since) {
				continue // not published since: publishing saves it
			}
			pub, err := s.store.Publication(ctx, sm.ID)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return Digest{}, err
			}
			if !pub.PublishedAt.Before(since) {
				d.Published = append(d.Published, sm)
			}
		}
		seen += len(page.Items)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	cursor = ""
	for seen := 0; seen < digestScan; {
		page, err := s.ListCountermeasures(as, CountermeasureFilter{Overdue: true, Limit: MaxPageSize, Cursor: cursor})
		if err != nil {
			return Digest{}, err
		}
		for _, c := range page.Items {
			if u.Is(c.Owner) {
				d.Overdue = append(d.Overdue, c)
			}
		}
		seen += len(page.Items)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if d.Revisits, err = s.digestRevisits(as, u); err != nil {
		return Digest{}, err
	}
	return d, nil
}

// digestOverdue is how late a revisit may be and still be in a digest:
// older ones are left to the tracker and the home page, so a digest
// stays short and cheap however many were never done.
const digestOverdue = 90 * 24 * time.Hour

// digestRevisits are the revisits overdue (by at most digestOverdue) or
// due within the week of the post-mortems the user may read and that
// concern them.
func (s *Service) digestRevisits(as context.Context, u *User) ([]DigestRevisit, error) {
	now := s.now()
	today, oldest := DateOf(now), DateOf(now.Add(-digestOverdue))
	due, err := s.ScheduledRevisits(as, now.Add(DigestWeek))
	if err != nil {
		return nil, err
	}
	out := []DigestRevisit{}
	for _, r := range due {
		if r.Due.Time().Before(oldest.Time()) {
			continue
		}
		p, err := s.store.Get(as, r.PostMortemID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if revisitConcerns(u, p) {
			out = append(out, DigestRevisit{DueRevisit: r, Overdue: r.Due.Time().Before(today.Time())})
		}
	}
	return out, nil
}

// SetWeeklyDigest turns the signed-in user's weekly digest on or off.
func (s *Service) SetWeeklyDigest(ctx context.Context, on bool) (*User, error) {
	return s.changeMe(ctx, func(me *User) (string, string, error) {
		me.WeeklyDigest = on
		return "user.digest", "weekly digest " + map[bool]string{true: "on", false: "off"}[on], nil
	})
}
