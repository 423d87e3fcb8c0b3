package calendar

import (
	"context"
	"fmt"
	"strings"

	"hindsight"
)

// maxRows bounds the feed: calendar apps poll it, so it must stay cheap.
const maxRows = 2000

// Events gathers the feed's events: the target dates of countermeasures
// not yet done or dropped (of one owner, when owner is set) and the
// meetings of the last 30 days' incidents. baseURL makes the links absolute.
func Events(ctx context.Context, svc *hindsight.Service, owner, baseURL string) ([]Event, error) {
	var out []Event
	cursor := ""
	for len(out) < maxRows {
		page, err := svc.ListCountermeasures(ctx, hindsight.CountermeasureFilter{Owner: owner, Pending: true, Limit: hindsight.MaxPageSize, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		for _, c := range page.Items {
			if c.Due == nil || c.Status == hindsight.CMDone || c.Status == hindsight.CMWontDo {
				continue
			}
			day := c.Due.Time()
			summary := c.Title
			if c.Priority != "" {
				summary = string(c.Priority) + " " + summary
			}
			if c.Owner != "" {
				summary += " (" + c.Owner + ")"
			}
			out = append(out, Event{
				UID: "countermeasure-" + c.ID + "@hindsight", Summary: "Due: " + summary, Day: &day,
				Description: "Countermeasure of the post-mortem \"" + c.PostMortemTitle + "\". Status: " + strings.ReplaceAll(string(c.Status), "_", " ") + ".",
				URL:         baseURL + "/postmortems/" + c.PostMortemID, Modified: day,
			})
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if owner != "" {
		return out, nil
	}
	// Meetings of the incidents of the last 30 days (a meeting follows its
	// incident within days): older ones are history, and reading every
	// post-mortem ever made is what a feed must not do.
	since := svc.Now().AddDate(0, 0, -30)
	facts, err := svc.IncidentFacts(ctx, hindsight.FactsFilter{From: &since})
	if err != nil {
		return nil, err
	}
	for _, f := range facts {
		if f.MeetingDate == nil {
			continue
		}
		out = append(out, Event{
			UID: "meeting-" + f.ID + "@hindsight", Summary: "Post-mortem: " + f.Title, At: f.MeetingDate,
			URL: baseURL + "/postmortems/" + f.ID, Modified: *f.MeetingDate,
		})
	}
	// Revisits due within a year, each on its day.
	revisits, err := svc.ScheduledRevisits(ctx, svc.Now().AddDate(1, 0, 0))
	if err != nil {
		return nil, err
	}
	for _, r := range revisits {
		day := r.Due.Time()
		out = append(out, Event{
			UID: fmt.Sprintf("revisit-%s-%d@hindsight", r.PostMortemID, r.Seq), Summary: "Revisit: " + r.Title, Day: &day,
			Description: "Revisit the post-mortem: are its countermeasures done and still effective, has it recurred, what was learned since?",
			URL:         baseURL + "/postmortems/" + r.PostMortemID + "/review#revisits", Modified: day,
		})
	}
	return out, nil
}
