package hindsight

import (
	"context"
	"errors"
	"strings"
	"time"
)

// PublicSummary is the account of an incident for customers: written
// apart from the internal post-mortem, in customer terms, and shown
// without sign-in once published. Nothing of the post-mortem itself is
// ever shown with it; PostMortemID is for its editors only.
type PublicSummary struct {
	PostMortemID string `json:"postmortem_id"`
	// PublicID is its public address's own id, unrelated to the
	// post-mortem's.
	PublicID       string     `json:"public_id"`
	Title          string     `json:"title"`
	CustomerImpact string     `json:"customer_impact"`
	Timeline       string     `json:"timeline"`
	Actions        string     `json:"actions"`
	PublishedAt    *time.Time `json:"published_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	UpdatedBy      string     `json:"updated_by"`
}

// PublicSummaryStore keeps public summaries.
type PublicSummaryStore interface {
	// PublicSummary returns ErrNotFound when none was written.
	PublicSummary(ctx context.Context, postmortemID string) (*PublicSummary, error)
	SavePublicSummary(ctx context.Context, p PublicSummary) error
	// PublishedPublicSummary and PublishedPublicSummaries see only
	// published summaries of post-mortems that are not restricted.
	PublishedPublicSummary(ctx context.Context, publicID string) (*PublicSummary, error)
	PublishedPublicSummaries(ctx context.Context, limit int) ([]PublicSummary, error)
}

// PublicSummaryDraft is what an editor writes.
type PublicSummaryDraft struct {
	Title          string `json:"title"`
	CustomerImpact string `json:"customer_impact"`
	Timeline       string `json:"timeline"`
	Actions        string `json:"actions"`
	// Publish shows it at its public address (and in the public feed);
	// false takes it down, or keeps it a draft.
	Publish bool `json:"publish"`
}

// PublicSummary returns a post-mortem's public summary for whoever may
// read the post-mortem, or nil if none was written.
func (s *Service) PublicSummary(ctx context.Context, id string) (*PublicSummary, error) {
	if _, err := s.Head(ctx, id); err != nil {
		return nil, err
	}
	p, err := s.store.PublicSummary(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return p, err
}

// CheckPublicSummary validates a draft as it would be saved, so a preview
// shows the same errors a save would.
func CheckPublicSummary(d *PublicSummaryDraft) error {
	v := &ValidationError{}
	d.Title = strings.TrimSpace(d.Title)
	if len(d.Title) > MaxTitleLen || !clean(d.Title) {
		v.Add("title", "must be at most %d bytes of text", MaxTitleLen)
	}
	for _, f := range []struct {
		name string
		val  *string
	}{{"customer_impact", &d.CustomerImpact}, {"timeline", &d.Timeline}, {"actions", &d.Actions}} {
		*f.val = strings.TrimSpace(*f.val)
		if len(*f.val) > MaxCommentLen || !clean(*f.val) {
			v.Add(f.name, "must be at most %d bytes of text", MaxCommentLen)
		}
	}
	if d.Publish {
		for _, f := range []struct{ name, val string }{{"title", d.Title}, {"customer_impact", d.CustomerImpact}, {"timeline", d.Timeline}, {"actions", d.Actions}} {
			if f.val == "" {
				v.Add(f.name, "is required to publish the summary")
			}
		}
	}
	return v.OrNil()
}

// SavePublicSummary writes a post-mortem's public summary, and publishes
// or takes it down. Whoever may edit the post-mortem may; a restricted
// post-mortem's summary is never published.
func (s *Service) SavePublicSummary(ctx context.Context, id string, d PublicSummaryDraft) (*PublicSummary, error) {
	_, p, err := s.editable(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := CheckPublicSummary(&d); err != nil {
		return nil, err
	}
	if d.Publish && p.Access.Restricted {
		return nil, Invalid("publish", "a restricted post-mortem gets no public summary; lift the restriction first")
	}
	old, err := s.PublicSummary(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	ps := PublicSummary{PostMortemID: id, PublicID: NewID(), Title: d.Title, CustomerImpact: d.CustomerImpact, Timeline: d.Timeline,
		Actions: d.Actions, UpdatedAt: now, UpdatedBy: ActorFrom(ctx)}
	if old != nil {
		ps.PublicID, ps.PublishedAt = old.PublicID, old.PublishedAt
	}
	switch {
	case !d.Publish:
		ps.PublishedAt = nil
	case ps.PublishedAt == nil:
		ps.PublishedAt = &now
	}
	if err := s.store.SavePublicSummary(ctx, ps); err != nil {
		return nil, err
	}
	return &ps, nil
}

// PublishedSummary returns a published public summary by its public id,
// to anybody: no sign-in. A missing, unpublished or restricted one is not
// found.
func (s *Service) PublishedSummary(ctx context.Context, publicID string) (*PublicSummary, error) {
	if !clean(publicID) || len(publicID) > 64 {
		return nil, ErrNotFound
	}
	return s.store.PublishedPublicSummary(ctx, publicID)
}

// PublishedSummaries lists the newest published public summaries, to
// anybody, for the public feed.
func (s *Service) PublishedSummaries(ctx context.Context, limit int) ([]PublicSummary, error) {
	return s.store.PublishedPublicSummaries(ctx, min(max(limit, 1), MaxPageSize))
}
