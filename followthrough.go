package hindsight

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SetCountermeasureStatus changes one countermeasure's status in place,
// through its post-mortem's version: a change made meanwhile is a
// *ConflictError, never overwritten. Done records the time it was done.
func (s *Service) SetCountermeasureStatus(ctx context.Context, postmortemID string, version int64, cmID string, status CountermeasureStatus) (*PostMortem, error) {
	if !slices.Contains(CountermeasureStatuses, status) {
		return nil, Invalid("status", "must be one of %s, not %q", joinValues(CountermeasureStatuses), status)
	}
	return s.changeCountermeasure(ctx, postmortemID, version, cmID, func(c *Countermeasure) error {
		c.Status = status
		return nil
	})
}

// VerifyCountermeasure records that a done countermeasure still takes
// effect: who checked, when (now) and a note. The history is kept.
func (s *Service) VerifyCountermeasure(ctx context.Context, postmortemID string, version int64, cmID, by, note string) (*PostMortem, error) {
	by, note = strings.TrimSpace(by), strings.TrimSpace(note)
	if by == "" {
		return nil, Invalid("by", "is required: name who checked that it still takes effect")
	}
	return s.changeCountermeasure(ctx, postmortemID, version, cmID, func(c *Countermeasure) error {
		if c.Status != CMDone {
			return Invalid("status", "only a done countermeasure can be verified as still taking effect; this one is %s", strings.ReplaceAll(string(c.Status), "_", " "))
		}
		c.Verifications = append(c.Verifications, Verification{At: s.now(), By: by, Note: note})
		return nil
	})
}

// ListCountermeasures returns a page of countermeasures across all
// post-mortems, each marked overdue or due for re-verification by the
// service's clock and policy. f.Now defaults to that clock.
func (s *Service) ListCountermeasures(ctx context.Context, f CountermeasureFilter) (CountermeasurePage, error) {
	if f.Now.IsZero() {
		f.Now = s.now()
	}
	page, err := s.store.ListCountermeasures(ctx, f)
	if err != nil {
		return page, err
	}
	for i := range page.Items {
		c := &page.Items[i]
		c.Overdue = c.Countermeasure.Overdue(f.Now)
		c.DueForReverification = s.Policy.NeedsReverification(c.Countermeasure, f.Now)
	}
	return page, nil
}

// IncidentFacts returns the light projection of the post-mortems f selects,
// which insights and feeds are computed from.
func (s *Service) IncidentFacts(ctx context.Context, f FactsFilter) ([]IncidentFacts, error) {
	return s.store.IncidentFacts(ctx, f)
}

func (s *Service) changeCountermeasure(ctx context.Context, postmortemID string, version int64, cmID string, change func(*Countermeasure) error) (*PostMortem, error) {
	p, err := s.store.Get(ctx, postmortemID)
	if err != nil {
		return nil, err
	}
	if p.Version != version {
		return nil, &ConflictError{ID: p.ID, CurrentVersion: p.Version}
	}
	i := slices.IndexFunc(p.Countermeasures, func(c Countermeasure) bool { return c.ID == cmID })
	if i < 0 {
		return nil, fmt.Errorf("countermeasure %s of post-mortem %s: %w", cmID, postmortemID, ErrNotFound)
	}
	if err := change(&p.Countermeasures[i]); err != nil {
		return nil, err
	}
	// p was just read, so its history is complete: no second read.
	if err := s.save(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// LateMeeting is an incident whose post-mortem meeting was not held or
// scheduled within the policy's deadline after the incident ended.
type LateMeeting struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Severity    string     `json:"severity"`
	EndedAt     time.Time  `json:"ended_at"`
	Deadline    time.Time  `json:"deadline"`
	MeetingDate *time.Time `json:"meeting_date"`
}

// LateMeetings lists, most overdue first, the incidents whose meeting is
// missing past its deadline or was scheduled after it: the guide asks to
// hold post-mortems as soon as possible, while memory is fresh.
func (s *Service) LateMeetings(ctx context.Context, f FactsFilter) ([]LateMeeting, error) {
	facts, err := s.store.IncidentFacts(ctx, f)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := []LateMeeting{}
	for _, x := range facts {
		if x.EndedAt == nil {
			continue
		}
		deadline := x.EndedAt.Add(s.Policy.MeetingDeadline(x.Severity))
		late := (x.MeetingDate == nil && now.After(deadline)) || (x.MeetingDate != nil && x.MeetingDate.After(deadline))
		if late {
			out = append(out, LateMeeting{ID: x.ID, Title: x.Title, Severity: x.Severity, EndedAt: *x.EndedAt, Deadline: deadline, MeetingDate: x.MeetingDate})
		}
	}
	slices.SortFunc(out, func(a, b LateMeeting) int { return a.Deadline.Compare(b.Deadline) })
	return out, nil
}
