package hindsight

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Read is a signed-in reader's first opening of a post-mortem.
type Read struct {
	PostMortemID string    `json:"postmortem_id"`
	UserID       string    `json:"user_id"`
	Name         string    `json:"name"`
	Email        string    `json:"email"`
	At           time.Time `json:"at"`
}

// PublishedRead is one read of a published post-mortem (UserID empty for
// a publication nobody read), for the reading figures.
type PublishedRead struct {
	PostMortemID     string
	FirstPublishedAt time.Time
	UserID           string
	ReadAt           *time.Time
}

// ReadStore keeps read receipts.
type ReadStore interface {
	// RecordRead records the first time a user opened a post-mortem;
	// later times change nothing, so it may be called on every view.
	RecordRead(ctx context.Context, postmortemID, userID string, at time.Time) error
	Readers(ctx context.Context, postmortemID string) ([]Read, error)
	// ReadByUser maps the post-mortems a user opened to when.
	ReadByUser(ctx context.Context, userID string) (map[string]time.Time, error)
	PublishedReads(ctx context.Context) ([]PublishedRead, error)
}

// RecordRead notes that the signed-in reader opened a post-mortem they
// may read. Nobody signed in (a token, the command line) leaves nothing.
func (s *Service) RecordRead(ctx context.Context, id string) error {
	who, err := reader(ctx)
	if err != nil {
		return err
	}
	if who.User == nil || who.User.ID == "" {
		return nil
	}
	if _, err := s.Head(ctx, id); err != nil {
		return err
	}
	return s.store.RecordRead(ctx, id, who.User.ID, s.now())
}

// ReadReceipts are who opened a post-mortem: "read by 7 of 12
// stakeholders, 41 people in total".
type ReadReceipts struct {
	// Stakeholders counts the stakeholders with an e-mail address (each
	// once); StakeholdersRead those of them whose account opened it.
	Stakeholders     int `json:"stakeholders"`
	StakeholdersRead int `json:"stakeholders_read"`
	Total            int `json:"total"`
	// Readers names who opened it, for those who may edit it; empty for
	// everybody else, who see the counts only.
	Readers []Read `json:"readers"`
	// Unread names the stakeholders who have not opened it, for those who
	// may edit it.
	Unread []string `json:"unread"`
}

// ReadReceipts counts who opened a post-mortem the reader may see.
// stakeholders are its stakeholders' addresses (the caller may have them
// at hand; nil reads the post-mortem).
func (s *Service) ReadReceipts(ctx context.Context, id string, stakeholders []Stakeholder) (ReadReceipts, error) {
	h, err := s.PageHead(ctx, id)
	if err != nil {
		return ReadReceipts{}, err
	}
	if stakeholders == nil {
		p, err := s.Get(ctx, id)
		if err != nil {
			return ReadReceipts{}, err
		}
		stakeholders = p.Stakeholders
	}
	reads, err := s.readers(ctx, id)
	if err != nil {
		return ReadReceipts{}, err
	}
	rr := ReadReceipts{Total: len(reads), Readers: []Read{}, Unread: []string{}}
	editor := s.MayEdit(ctx, h)
	if editor {
		rr.Readers = reads
	}
	seen := map[string]bool{}
	for _, st := range stakeholders {
		email := strings.ToLower(strings.TrimSpace(st.Email))
		if email == "" || seen[email] {
			continue
		}
		seen[email] = true
		rr.Stakeholders++
		if slices.ContainsFunc(reads, func(r Read) bool { return strings.EqualFold(r.Email, email) }) {
			rr.StakeholdersRead++
		} else if editor {
			rr.Unread = append(rr.Unread, st.Name+" <"+email+">")
		}
	}
	return rr, nil
}

// toReadPages bounds how far back the "to read" list looks: the newest
// pages of published post-mortems.
const toReadPages = 10

// ToReadItem is a published post-mortem for the reader that they have not
// opened, with what makes it theirs.
type ToReadItem struct {
	Summary
	// Because names it: "team Payments", "service checkout".
	Because []string `json:"because"`
}

// ToRead lists the published post-mortems for the signed-in reader's
// teams or services that they have not opened, newest incident first:
// those whose team is one the reader follows or one of their groups, or
// that name a service the reader follows or one of their groups (see
// User.Follows). Their own post-mortems are not listed.
func (s *Service) ToRead(ctx context.Context, limit int) ([]ToReadItem, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	out := []ToReadItem{}
	u := who.User
	if u == nil || u.ID == "" || len(u.Groups)+len(u.Teams)+len(u.Services) == 0 {
		return out, nil
	}
	read, err := s.store.ReadByUser(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	f := ListFilter{Status: StatusPublished, Limit: MaxPageSize}
	for range toReadPages {
		page, err := s.List(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Items {
			because := u.Follows(p.Team, p.Services)
			if _, done := read[p.ID]; done || len(because) == 0 {
				continue
			}
			if h, err := s.store.Head(ctx, p.ID); err != nil || h.AuthorID == u.ID {
				continue
			}
			if out = append(out, ToReadItem{Summary: p, Because: because}); len(out) == limit {
				return out, nil
			}
		}
		if f.Cursor = page.NextCursor; f.Cursor == "" {
			break
		}
	}
	return out, nil
}

// ReadingWindow is how soon a post-mortem's team should have read it.
const ReadingWindow = 14 * 24 * time.Hour

// ReadingFigure is the share of the two most severe severities' (SEV1 and
// SEV2) post-mortems read by their team within 14 days of first publishing:
// read by at least one account other than the author who is in its team —
// who follows the team on their account or has it among their groups
// (User.Follows), as the "to read" list decides.
type ReadingFigure struct {
	// Counted are the SEV1/SEV2 post-mortems published through Hindsight
	// with a team whose 14 days are over or that their team already read.
	Counted int `json:"counted"`
	// Severities are the severities counted.
	Severities []string `json:"severities"`
	Read       int      `json:"read"`
	// Share is Read/Counted; nil when nothing is counted.
	Share *float64 `json:"share"`
}

// ReadingFigure works out the reading figure over the post-mortems the
// reader may see.
func (s *Service) ReadingFigure(ctx context.Context) (ReadingFigure, error) {
	var fig ReadingFigure
	if _, err := reader(ctx); err != nil {
		return fig, err
	}
	pubs, err := s.store.PublishedReads(ctx)
	if err != nil {
		return fig, err
	}
	byPM := map[string][]PublishedRead{}
	for _, r := range pubs {
		byPM[r.PostMortemID] = append(byPM[r.PostMortemID], r)
	}
	fig.Severities = s.Policy.Severities[:min(2, len(s.Policy.Severities))]
	if len(byPM) == 0 {
		// Nothing was published through Hindsight: nothing to count, and
		// no reason to list every published post-mortem to learn it.
		return fig, nil
	}
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return fig, err
	}
	byID := map[string]*User{}
	for i := range users {
		byID[users[i].ID] = &users[i]
	}
	now := s.now()
	for _, sev := range fig.Severities {
		f := ListFilter{Status: StatusPublished, Severity: sev, Limit: MaxPageSize}
		for {
			page, err := s.List(ctx, f)
			if err != nil {
				return fig, err
			}
			for _, p := range page.Items {
				reads := byPM[p.ID]
				if p.Team == "" || len(reads) == 0 {
					continue
				}
				h, err := s.store.Head(ctx, p.ID)
				if err != nil {
					return fig, err
				}
				read := slices.ContainsFunc(reads, func(r PublishedRead) bool {
					u := byID[r.UserID]
					return r.ReadAt != nil && r.UserID != h.AuthorID && !r.ReadAt.After(r.FirstPublishedAt.Add(ReadingWindow)) &&
						u != nil && len(u.Follows(p.Team, nil)) > 0
				})
				if read || now.After(reads[0].FirstPublishedAt.Add(ReadingWindow)) {
					fig.Counted++
					if read {
						fig.Read++
					}
				}
			}
			if f.Cursor = page.NextCursor; f.Cursor == "" {
				break
			}
		}
	}
	if fig.Counted > 0 {
		share := float64(fig.Read) / float64(fig.Counted)
		fig.Share = &share
	}
	return fig, nil
}

// readers are who opened a post-mortem, kept in memory until somebody
// else opens one or an account changes (see Versions).
func (s *Service) readers(ctx context.Context, id string) ([]Read, error) {
	v, err := s.versions(ctx)
	if err != nil {
		return nil, err
	}
	reads, err := s.memo.readers.fetch(v.Reads+v.Identity, id, func() ([]Read, error) { return s.store.Readers(ctx, id) })
	return slices.Clone(reads), err
}
