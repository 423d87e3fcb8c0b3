package hindsight

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// Revisit is one looking-back at a published post-mortem, with the
// guide's checklist: are the countermeasures done, do they still work,
// has it happened again, what was learned since.
type Revisit struct {
	ID           string `json:"id"`
	PostMortemID string `json:"postmortem_id"`
	// Seq is which scheduled revisit this is (0 for the first); Due the
	// date it was due.
	Seq    int       `json:"seq"`
	Due    Date      `json:"due"`
	ByID   string    `json:"by_id"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Answer RevisitAnswers
}

// RevisitAnswers are a revisit's checklist.
type RevisitAnswers struct {
	// CountermeasuresDone is yes, partly or no.
	CountermeasuresDone string `json:"countermeasures_done"`
	// StillEffective is yes, no or unknown: are the done countermeasures
	// still taking effect?
	StillEffective string `json:"still_effective"`
	// Recurred is yes or no: has the incident, or one like it, happened
	// again?
	Recurred string `json:"recurred"`
	Learned  string `json:"learned"`
	Notes    string `json:"notes"`
}

// The answers each question takes.
var (
	RevisitDoneAnswers      = []string{"yes", "partly", "no"}
	RevisitEffectiveAnswers = []string{"yes", "no", "unknown"}
	RevisitRecurredAnswers  = []string{"no", "yes"}
)

// RevisitCandidate is a published post-mortem as the revisit schedule
// needs it.
type RevisitCandidate struct {
	PostMortemID     string
	Title            string
	Severity         string
	Team             string
	Restricted       bool
	FirstPublishedAt time.Time
	// Recorded counts the revisits recorded.
	Recorded int
}

// PastIncident is an incident that started on some earlier year's day,
// for "on this day".
type PastIncident struct {
	PostMortemID string    `json:"postmortem_id"`
	Title        string    `json:"title"`
	Severity     string    `json:"severity"`
	StartedAt    time.Time `json:"started_at"`
	Restricted   bool      `json:"-"`
}

// RevisitStore keeps revisits.
type RevisitStore interface {
	AddRevisit(ctx context.Context, r Revisit, also TxHook) error
	Revisits(ctx context.Context, postmortemID string) ([]Revisit, error)
	// RevisitCandidates lists the published post-mortems first published
	// at or before the time, oldest first.
	RevisitCandidates(ctx context.Context, publishedBy time.Time) ([]RevisitCandidate, error)
	// OnThisDay lists up to limit incidents that started on the month and
	// day of day (in UTC) in an earlier year, newest first.
	OnThisDay(ctx context.Context, day Date, limit int) ([]PastIncident, error)
}

// ScheduledRevisit is a revisit a post-mortem is due for.
type ScheduledRevisit struct {
	Seq int  `json:"seq"`
	Due Date `json:"due"`
	// Done is the revisit recorded for it, if any.
	Done *Revisit `json:"done"`
}

// RevisitState is a post-mortem's revisits as its page shows them.
type RevisitState struct {
	// Published is false for a post-mortem never published through
	// Hindsight: it has no schedule.
	Published bool               `json:"published"`
	Schedule  []ScheduledRevisit `json:"schedule"`
	// Extra are revisits recorded after the last scheduled one.
	Extra []Revisit `json:"extra"`
	// Next is the first scheduled revisit not recorded, if any.
	Next *ScheduledRevisit `json:"next"`
	// Due says Next's date has come.
	Due bool `json:"due"`
}

// revisitDates are the dates a post-mortem of a severity first published
// at t is due to be revisited.
func (s *Service) revisitDates(severity string, t time.Time) []Date {
	var out []Date
	for _, d := range s.Policy.Revisits.For(severity) {
		out = append(out, DateOf(t.Add(d)))
	}
	return out
}

// Revisits returns the revisit schedule and record of a post-mortem the
// reader may see.
func (s *Service) Revisits(ctx context.Context, id string) (RevisitState, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return RevisitState{}, err
	}
	st := RevisitState{Schedule: []ScheduledRevisit{}, Extra: []Revisit{}}
	pub, err := s.store.Publication(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	done, err := s.store.Revisits(ctx, id)
	if err != nil {
		return st, err
	}
	st.Published = true
	for i, d := range s.revisitDates(p.Severity, pub.FirstPublishedAt) {
		st.Schedule = append(st.Schedule, ScheduledRevisit{Seq: i, Due: d})
	}
	for i := range done {
		if r := done[i]; r.Seq < len(st.Schedule) && st.Schedule[r.Seq].Done == nil {
			st.Schedule[r.Seq].Done = &done[i]
		} else {
			st.Extra = append(st.Extra, r)
		}
	}
	for i := range st.Schedule {
		if st.Schedule[i].Done == nil {
			st.Next = &st.Schedule[i]
			st.Due = !st.Next.Due.Time().After(s.now())
			break
		}
	}
	return st, nil
}

// RecordRevisit records the signed-in user's revisit of a published
// post-mortem they may edit: it settles the first scheduled revisit not
// yet recorded (or is an extra one after the last).
func (s *Service) RecordRevisit(ctx context.Context, id string, a RevisitAnswers) (*Revisit, error) {
	who, p, err := s.editable(ctx, id)
	if err != nil {
		return nil, err
	}
	if who.User == nil || who.User.ID == "" {
		return nil, forbidden("revisits are recorded by people who sign in")
	}
	v := &ValidationError{}
	a.CountermeasuresDone, a.StillEffective, a.Recurred = strings.TrimSpace(a.CountermeasuresDone), strings.TrimSpace(a.StillEffective), strings.TrimSpace(a.Recurred)
	for _, q := range []struct {
		field, value string
		allowed      []string
	}{{"countermeasures_done", a.CountermeasuresDone, RevisitDoneAnswers}, {"still_effective", a.StillEffective, RevisitEffectiveAnswers}, {"recurred", a.Recurred, RevisitRecurredAnswers}} {
		if !slices.Contains(q.allowed, q.value) {
			v.Add(q.field, "must be one of %s", strings.Join(q.allowed, ", "))
		}
	}
	a.Learned, a.Notes = strings.TrimSpace(a.Learned), strings.TrimSpace(a.Notes)
	for _, f := range []struct{ field, value string }{{"learned", a.Learned}, {"notes", a.Notes}} {
		if len(f.value) > MaxCommentLen || !clean(f.value) {
			v.Add(f.field, "must be at most %d bytes of text", MaxCommentLen)
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	st, err := s.Revisits(ctx, id)
	if err != nil {
		return nil, err
	}
	if !st.Published || p.Status != StatusPublished {
		return nil, Invalid("status", "only a published post-mortem is revisited")
	}
	r := Revisit{ID: NewID(), PostMortemID: id, ByID: who.User.ID, By: who.User.Display(), At: s.now(), Answer: a, Seq: len(st.Schedule) + len(st.Extra)}
	if st.Next != nil {
		r.Seq, r.Due = st.Next.Seq, st.Next.Due
	}
	if err := s.store.AddRevisit(ctx, r, nil); err != nil {
		return nil, err
	}
	s.revisitsChanged()
	return &r, nil
}

// DueRevisit is a scheduled revisit not yet recorded, for the lists that
// bring it back: the tracker, the calendar, the home page, announcements.
type DueRevisit struct {
	PostMortemID string `json:"postmortem_id"`
	Title        string `json:"title"`
	Severity     string `json:"severity"`
	Team         string `json:"team"`
	Seq          int    `json:"seq"`
	Due          Date   `json:"due"`
}

// ScheduledRevisits lists every revisit not yet recorded that is due on
// or before until, of the published post-mortems the reader may see, the
// earliest first. Each post-mortem shows its next one only: a later one
// waits for it.
func (s *Service) ScheduledRevisits(ctx context.Context, until time.Time) ([]DueRevisit, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.dueBy(ctx, DateOf(until))
	if err != nil {
		return nil, err
	}
	out := make([]DueRevisit, 0, len(all))
	for _, d := range all {
		if d.restricted && !s.mayReadID(ctx, who, d.PostMortemID) {
			continue
		}
		out = append(out, d.DueRevisit)
	}
	return out, nil
}

// DueRevisits lists the revisits due today or earlier.
func (s *Service) DueRevisits(ctx context.Context) ([]DueRevisit, error) {
	return s.ScheduledRevisits(ctx, s.now())
}

// mayReadID reports whether the principal may read a post-mortem by its
// head.
func (s *Service) mayReadID(ctx context.Context, who Principal, id string) bool {
	h, err := s.store.Head(ctx, id)
	return err == nil && mayRead(who, h)
}

// onThisDayLimit bounds "on this day".
const onThisDayLimit = 10

// OnThisDay lists the incidents the reader may see that started on
// today's month and day in earlier years, newest first — as Morgue's
// anniversary page did, a reminder of what was learned.
func (s *Service) OnThisDay(ctx context.Context) ([]PastIncident, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.store.OnThisDay(ctx, DateOf(s.now()), onThisDayLimit*3)
	if err != nil {
		return nil, err
	}
	out := []PastIncident{}
	for _, p := range all {
		if len(out) == onThisDayLimit {
			break
		}
		if !p.Restricted || s.mayReadID(ctx, who, p.PostMortemID) {
			out = append(out, p)
		}
	}
	return out, nil
}
