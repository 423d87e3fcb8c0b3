package hindsight

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// revisitsFresh is how long a due-revisit list is served before it is
// rebuilt in the background. A change made through this instance that
// moves revisits (publishing, unpublishing, recording a revisit, a
// published post-mortem's title, severity, team or access changing, the
// trash) is seen at once; one made through another instance within this.
const revisitsFresh = 10 * time.Second

// dueRevisitCache keeps, per day asked about, the revisits due by that day
// of every published post-mortem, before the reader's access is checked.
// Working them out reads every publication, so the home page and the
// tracker — rebuilt at every save — would otherwise pay for it each time.
type dueRevisitCache struct {
	mu      sync.Mutex
	gen     uint64 // moved on by changes through this instance
	entries map[Date]*dueRevisits
	builds  singleflight.Group
}

// dueRevisits is one day's list, as of built and generation gen.
type dueRevisits struct {
	list       []dueRevisit
	built      time.Time
	gen        uint64
	rebuilding bool
}

// dueRevisit is a due revisit with what its reader check needs.
type dueRevisit struct {
	DueRevisit
	restricted bool
}

// revisitsChanged makes the next due-revisit list be worked out afresh.
func (s *Service) revisitsChanged() {
	s.revisits.mu.Lock()
	s.revisits.gen++
	s.revisits.mu.Unlock()
}

// revisitsMoved says whether a save from stored to p changes what revisits
// are due or how they are shown.
func revisitsMoved(stored, p *PostMortem, fields []string) bool {
	if stored.Status != StatusPublished && p.Status != StatusPublished {
		return false
	}
	return slices.ContainsFunc(fields, func(f string) bool {
		return f == "status" || f == "title" || f == "severity" || f == "team" || f == "access"
	})
}

// dueBy returns the revisits due on or before day, the earliest first.
func (s *Service) dueBy(ctx context.Context, day Date) ([]dueRevisit, error) {
	c := &s.revisits
	now := s.Now()
	c.mu.Lock()
	e := c.entries[day]
	gen := c.gen
	if e != nil && e.gen == gen {
		stale := now.Sub(e.built) >= revisitsFresh && !e.rebuilding
		if stale {
			e.rebuilding = true
			go s.buildDue(context.WithoutCancel(ctx), day, gen)
		}
		list := e.list
		c.mu.Unlock()
		return list, nil
	}
	c.mu.Unlock()
	v, err, _ := c.builds.Do(fmt.Sprintf("%s/%d", day, gen), func() (any, error) { return s.buildDue(ctx, day, gen) })
	if err != nil {
		return nil, err
	}
	return v.([]dueRevisit), nil
}

// buildDue works a day's list out and keeps it, unless a newer change
// came meanwhile; at most a few days are kept.
func (s *Service) buildDue(ctx context.Context, day Date, gen uint64) ([]dueRevisit, error) {
	c := &s.revisits
	built := s.Now()
	list, err := s.workOutDue(ctx, day)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[day]; e != nil && e.gen == gen {
		e.rebuilding = false
	}
	if err != nil || gen != c.gen {
		return list, err
	}
	if c.entries == nil || len(c.entries) >= 8 {
		c.entries = map[Date]*dueRevisits{}
	}
	c.entries[day] = &dueRevisits{list: list, built: built, gen: gen}
	return list, nil
}

// workOutDue reads the publications and applies the revisit schedule.
func (s *Service) workOutDue(ctx context.Context, day Date) ([]dueRevisit, error) {
	first := time.Duration(-1)
	for _, ds := range s.Policy.Revisits.BySeverity {
		if len(ds) > 0 && (first < 0 || ds[0] < first) {
			first = ds[0]
		}
	}
	if d := s.Policy.Revisits.Default; len(d) > 0 && (first < 0 || d[0] < first) {
		first = d[0]
	}
	out := []dueRevisit{}
	if first < 0 {
		return out, nil
	}
	until := day.Time().AddDate(0, 0, 1).Add(-time.Nanosecond)
	cands, err := s.store.RevisitCandidates(ctx, until.Add(-first))
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		dates := s.revisitDates(c.Severity, c.FirstPublishedAt)
		if c.Recorded >= len(dates) || dates[c.Recorded].Time().After(until) {
			continue
		}
		out = append(out, dueRevisit{DueRevisit{PostMortemID: c.PostMortemID, Title: c.Title, Severity: c.Severity, Team: c.Team, Seq: c.Recorded, Due: dates[c.Recorded]}, c.Restricted})
	}
	slices.SortStableFunc(out, func(a, b dueRevisit) int { return a.Due.Time().Compare(b.Due.Time()) })
	return out, nil
}
