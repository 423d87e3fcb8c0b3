package hindsight

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// PublishCheck says whether a post-mortem may be published now under the
// rule for its severity, and why not.
type PublishCheck struct {
	Rule PublishRule `json:"rule"`
	// Approvals names the reviewers whose latest verdict approves and who
	// count under the rule; Blocking those whose latest asks for changes.
	Approvals []string `json:"approvals"`
	Blocking  []string `json:"blocking"`
	Allowed   bool     `json:"allowed"`
	Reason    string   `json:"reason,omitempty"`
}

// checkPublish applies the severity's rule to what reviewers said.
func (s *Service) checkPublish(rec ReviewRecord, authorID, severity string) PublishCheck {
	c := PublishCheck{Rule: s.Policy.PublishRule(severity), Approvals: []string{}, Blocking: []string{}}
	for _, r := range latestReviews(rec.Reviews) {
		switch {
		case r.Verdict == VerdictChangesRequested:
			c.Blocking = append(c.Blocking, r.Reviewer)
		case c.Rule.OtherThanAuthor && r.ReviewerID == authorID:
		default:
			c.Approvals = append(c.Approvals, r.Reviewer)
		}
	}
	switch {
	case len(c.Blocking) > 0:
		c.Reason = fmt.Sprintf("%s asked for changes; publishing waits until they approve", strings.Join(c.Blocking, ", "))
	case len(c.Approvals) < c.Rule.Approvals:
		sev := severity
		if sev == "" {
			sev = "this"
		}
		c.Reason = fmt.Sprintf("%s post-mortems need %d approval", sev, c.Rule.Approvals)
		if c.Rule.Approvals != 1 {
			c.Reason += "s"
		}
		if c.Rule.OtherThanAuthor {
			c.Reason += " from someone other than the author"
		}
		c.Reason += fmt.Sprintf(" before they are published; it has %d — request a review", len(c.Approvals))
	default:
		c.Allowed = true
	}
	return c
}

// latestReviews keeps each reviewer's latest verdict, in the order they
// were given.
func latestReviews(all []Review) []Review {
	last := map[string]int{}
	for i, r := range all {
		last[r.ReviewerID] = i
	}
	out := []Review{}
	for i, r := range all {
		if last[r.ReviewerID] == i {
			out = append(out, r)
		}
	}
	return out
}

// publishing checks a save that publishes p (stored is nil for a new
// one) against the publish rule and returns the hook that records the
// publication and queues its announcement; nil when the save does not
// publish. The command line, which imports history, is not held to the
// rule and announces nothing.
func (s *Service) publishing(ctx context.Context, who Principal, p, stored *PostMortem) (TxHook, error) {
	if p.Status != StatusPublished || (stored != nil && stored.Status == StatusPublished) || who.System {
		return nil, nil
	}
	version := int64(1)
	var rec ReviewRecord
	if stored != nil {
		version = stored.Version + 1
		var err error
		if rec, err = s.store.ReviewRecord(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	if c := s.checkPublish(rec, p.AuthorID, p.Severity); !c.Allowed {
		return nil, Invalid("status", "%s", c.Reason)
	}
	actor := ActorFrom(ctx)
	// The hook reads p when it runs: a new post-mortem has its id only
	// once it is stored.
	return func(ctx context.Context, tx *sqlTx) error {
		now := s.now()
		pub := Publication{PostMortemID: p.ID, FirstPublishedAt: now, PublishedAt: now, Version: version, By: actor}
		if err := s.store.SavePublicationTx(ctx, tx, pub); err != nil {
			return err
		}
		a := announcementOf(AnnouncePublished, p, actor)
		a.Version, a.Key = version, fmt.Sprintf("published:%s:%d", p.ID, version)
		return s.announceHook(a).Run(ctx, tx)
	}, nil
}

// PublishStatus says whether the post-mortem may be published now, for
// whoever may read it.
func (s *Service) PublishStatus(ctx context.Context, id string) (PublishCheck, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return PublishCheck{}, err
	}
	rec, err := s.store.ReviewRecord(ctx, id)
	if err != nil {
		return PublishCheck{}, err
	}
	return s.checkPublish(rec, p.AuthorID, p.Severity), nil
}

// PublishedState is what a published post-mortem's page says about its
// publishing: when, and what changed since it was last announced.
type PublishedState struct {
	Publication
	// ChangedSince names the fields changed by saves after the version
	// last announced: "changed after publishing".
	ChangedSince []string `json:"changed_since"`
	// ChangedVersions counts those saves.
	ChangedVersions int `json:"changed_versions"`
}

// Published returns the publishing record of a post-mortem the reader may
// see, or nil if it was never published.
func (s *Service) Published(ctx context.Context, id string) (*PublishedState, error) {
	h, err := s.Head(ctx, id)
	if err != nil {
		return nil, err
	}
	pub, err := s.store.Publication(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	st := &PublishedState{Publication: *pub, ChangedSince: []string{}}
	if h.Version <= pub.Version {
		return st, nil
	}
	cursor := ""
	for {
		page, err := s.store.Revisions(ctx, id, RevisionFilter{Limit: MaxPageSize, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		for _, r := range page.Items {
			if r.Version <= pub.Version {
				return st, nil
			}
			st.ChangedVersions++
			for _, f := range r.Changes {
				if !slices.Contains(st.ChangedSince, f) {
					st.ChangedSince = append(st.ChangedSince, f)
				}
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			return st, nil
		}
	}
}

// Reannounce announces a published post-mortem again after it changed:
// the editor says what changed in a note, the announcement lists the
// fields, and the page stops saying "changed after publishing". Whoever
// may edit it may, from the version they saw.
func (s *Service) Reannounce(ctx context.Context, id string, version int64, note string) error {
	_, p, err := s.editable(ctx, id)
	if err != nil {
		return err
	}
	if p.Version != version {
		return &ConflictError{ID: id, CurrentVersion: p.Version}
	}
	if p.Status != StatusPublished {
		return Invalid("status", "only a published post-mortem can be announced again; this one is %s", strings.ReplaceAll(string(p.Status), "_", " "))
	}
	if note = strings.TrimSpace(note); len(note) > MaxTitleLen*4 || !clean(note) {
		return Invalid("note", "must be at most %d bytes of text", MaxTitleLen*4)
	}
	st, err := s.Published(ctx, id)
	if err != nil {
		return err
	}
	if st == nil {
		return Invalid("status", "this post-mortem was published before Hindsight kept a record of it; move it to in review and publish it again")
	}
	actor := ActorFrom(ctx)
	a := announcementOf(AnnounceRepublished, p, actor)
	a.Key = fmt.Sprintf("republished:%s:%d", id, p.Version)
	a.Detail = note
	if len(st.ChangedSince) > 0 {
		if a.Detail != "" {
			a.Detail += " — "
		}
		a.Detail += "changed: " + strings.ReplaceAll(strings.Join(st.ChangedSince, ", "), "_", " ")
	}
	pub := st.Publication
	pub.PublishedAt, pub.Version, pub.By = s.now(), p.Version, actor
	return s.store.InTx(ctx, TxHook(func(ctx context.Context, tx *sqlTx) error { return s.store.SavePublicationTx(ctx, tx, pub) }).Then(s.announceHook(a)))
}
