package hindsight

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// RequestReview asks the named users (by e-mail or id) to review a
// post-mortem and tells them. Whoever may edit it may ask; each reviewer
// must be an active account that may read it — a restricted post-mortem
// is never sent to someone it is not shared with.
func (s *Service) RequestReview(ctx context.Context, id string, reviewers []string) ([]ReviewRequest, error) {
	_, p, err := s.editable(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(reviewers) == 0 {
		return nil, Invalid("reviewers", "name at least one reviewer")
	}
	if len(reviewers) > 50 {
		return nil, Invalid("reviewers", "at most 50 at once")
	}
	v := &ValidationError{}
	now, actor, actorID := s.now(), ActorFrom(ctx), actorID(ctx)
	var reqs []ReviewRequest
	var ids, names []string
	for i, name := range reviewers {
		u, err := s.userNamed(ctx, name)
		switch {
		case err != nil:
			v.Add(fmt.Sprintf("reviewers[%d]", i), "%s", err.Error())
			continue
		case !mayRead(Principal{User: u}, headOf(p)):
			v.Add(fmt.Sprintf("reviewers[%d]", i), "%s may not see this restricted post-mortem; share it with them first", u.Display())
			continue
		case slices.Contains(ids, u.ID):
			continue
		}
		ids, names = append(ids, u.ID), append(names, u.Display())
		reqs = append(reqs, ReviewRequest{PostMortemID: id, ReviewerID: u.ID, Reviewer: u.Display(), RequestedByID: actorID, RequestedBy: actor, At: now})
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	a := announcementOf(AnnounceReviewRequested, p, actor)
	a.Recipients, a.Detail = ids, actor+" asks "+strings.Join(names, ", ")+" to review it"
	a.Key = fmt.Sprintf("review:%s:%s:%d", id, strings.Join(ids, ","), now.UnixMicro())
	if err := s.store.AddReviewRequests(ctx, reqs, s.announceHook(a)); err != nil {
		return nil, err
	}
	return reqs, nil
}

// userNamed finds an active account by e-mail or id.
func (s *Service) userNamed(ctx context.Context, name string) (*User, error) {
	name = strings.TrimSpace(name)
	if name == "" || !clean(name) || len(name) > MaxTitleLen {
		return nil, fmt.Errorf("is empty or not an e-mail address")
	}
	u, err := s.store.UserByEmail(ctx, strings.ToLower(name))
	if err != nil {
		u, err = s.store.GetUser(ctx, name)
	}
	if err != nil {
		return nil, fmt.Errorf("nobody with the address %q has an account", name)
	}
	if u.Disabled {
		return nil, fmt.Errorf("%s's account is disabled", u.Display())
	}
	return u, nil
}

// SubmitReview records the signed-in user's verdict on the version they
// read (a *ConflictError when it changed since, so nobody approves text
// they did not see). Anybody who may read the post-mortem may review it;
// whether their approval counts is the publish rule's business.
func (s *Service) SubmitReview(ctx context.Context, id string, version int64, verdict Verdict, note string) (*Review, error) {
	who, err := writer(ctx)
	if err != nil {
		return nil, err
	}
	if who.User == nil || who.User.ID == "" {
		return nil, forbidden("reviews are given by people who sign in")
	}
	if verdict != VerdictApproved && verdict != VerdictChangesRequested {
		return nil, Invalid("verdict", "must be approved or changes_requested, not %q", verdict)
	}
	if note = strings.TrimSpace(note); len(note) > MaxCommentLen || !clean(note) {
		return nil, Invalid("note", "must be at most %d bytes of text", MaxCommentLen)
	}
	if verdict == VerdictChangesRequested && note == "" {
		return nil, Invalid("note", "say which changes you ask for")
	}
	h, err := s.Head(ctx, id)
	if err != nil {
		return nil, err
	}
	if h.Version != version {
		return nil, &ConflictError{ID: id, CurrentVersion: h.Version}
	}
	r := Review{ID: NewID(), PostMortemID: id, Version: version, ReviewerID: who.User.ID, Reviewer: who.User.Display(), Verdict: verdict, Note: note, At: s.now()}
	if err := s.store.AddReview(ctx, r, nil); err != nil {
		return nil, err
	}
	return &r, nil
}

// ReviewState is a post-mortem's review as its page shows it.
type ReviewState struct {
	Requests []ReviewRequest `json:"requests"`
	// Latest is each reviewer's latest verdict; History every one.
	Latest   []Review  `json:"latest"`
	History  []Review  `json:"history"`
	Comments []Comment `json:"comments"`
	// Open counts the threads not resolved.
	Open    int          `json:"open_threads"`
	Publish PublishCheck `json:"publish"`
}

// Review returns the review of a post-mortem the reader may see.
func (s *Service) Review(ctx context.Context, id string) (ReviewState, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return ReviewState{}, err
	}
	rec, err := s.store.ReviewRecord(ctx, id)
	if err != nil {
		return ReviewState{}, err
	}
	st := ReviewState{Requests: nonNil(rec.Requests), Latest: latestReviews(rec.Reviews), History: nonNil(rec.Reviews),
		Comments: nonNil(rec.Comments), Publish: s.checkPublish(rec, p.AuthorID, p.Severity)}
	for _, c := range rec.Comments {
		if c.ParentID == "" && c.ResolvedAt == nil {
			st.Open++
		}
	}
	return st, nil
}
