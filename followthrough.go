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
// effect: who checked (the signed-in user), when (now) and a note. The
// history is kept.
func (s *Service) VerifyCountermeasure(ctx context.Context, postmortemID string, version int64, cmID, note string) (*PostMortem, error) {
	by, byID, note := ActorFrom(ctx), actorID(ctx), strings.TrimSpace(note)
	if len(note) > MaxTitleLen*10 {
		return nil, Invalid("note", "is too long: %d bytes, at most %d", len(note), MaxTitleLen*10)
	}
	return s.changeCountermeasure(ctx, postmortemID, version, cmID, func(c *Countermeasure) error {
		if c.Status != CMDone {
			return Invalid("status", "only a done countermeasure can be verified as still taking effect; this one is %s", strings.ReplaceAll(string(c.Status), "_", " "))
		}
		if len(c.Verifications) >= MaxVerifications {
			return Invalid("note", "this countermeasure already has %d checks recorded, the most kept", MaxVerifications)
		}
		c.Verifications = append(c.Verifications, Verification{At: s.now(), By: by, ByID: byID, Note: note})
		return nil
	})
}

// ListCountermeasures returns a page of countermeasures across the
// post-mortems the reader may see, each marked overdue or due for
// re-verification by the service's clock and policy. f.Now defaults to
// that clock.
func (s *Service) ListCountermeasures(ctx context.Context, f CountermeasureFilter) (CountermeasurePage, error) {
	who, err := reader(ctx)
	if err != nil {
		return CountermeasurePage{}, err
	}
	if err := checkText("owner", f.Owner, "tag", f.Tag, "severity", f.Severity, "status", string(f.Status), "priority", string(f.Priority), "sort", f.Sort, "cursor", f.Cursor); err != nil {
		return CountermeasurePage{}, err
	}
	f.Audience = audience(who)
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

// IncidentFacts returns the light projection of the post-mortems f selects
// that the reader may see, which insights and feeds are computed from.
func (s *Service) IncidentFacts(ctx context.Context, f FactsFilter) ([]IncidentFacts, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkText("tag", f.Tag, "severity", f.Severity); err != nil {
		return nil, err
	}
	f.Audience = audience(who)
	return s.store.IncidentFacts(ctx, f)
}

func (s *Service) changeCountermeasure(ctx context.Context, postmortemID string, version int64, cmID string, change func(*Countermeasure) error) (*PostMortem, error) {
	who, err := writer(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.readable(ctx, who, postmortemID)
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
	if !mayEdit(who, headOf(p)) && !(who.User != nil && who.User.Is(p.Countermeasures[i].Owner)) {
		return nil, forbidden("only editors, admins, the post-mortem's author and the countermeasure's owner may change it")
	}
	stored := *p
	stored.Countermeasures = slices.Clone(p.Countermeasures)
	if err := change(&p.Countermeasures[i]); err != nil {
		return nil, err
	}
	// p was just read, so its history is complete: no second read.
	if err := s.save(ctx, who, p, &stored, Change{}); err != nil {
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
	facts, err := s.IncidentFacts(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.LateMeetingsAmong(facts), nil
}

// LateMeetingsAmong is LateMeetings over facts already read (through
// IncidentFacts), so a page showing figures and late meetings reads once.
func (s *Service) LateMeetingsAmong(facts []IncidentFacts) []LateMeeting {
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
	return out
}
