package storedoc

import "hindsight"

// SummaryOf is what a list shows of a post-mortem.
func SummaryOf(p *hindsight.PostMortem, snippet string) hindsight.Summary {
	return hindsight.Summary{
		ID: p.ID, Version: p.Version, Title: p.Title, Status: p.Status, Severity: p.Severity,
		Services: p.Services, Team: p.Team, Tags: p.Tags, Summary: p.Summary,
		StartedAt: p.Incident.StartedAt, DetectedAt: p.Incident.DetectedAt, EndedAt: p.Incident.EndedAt,
		MeetingDate: p.Meeting.Date, Snippet: snippet, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
}
