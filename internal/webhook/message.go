package webhook

import (
	"fmt"
	"strings"

	"hindsight"
)

// Message is an announcement in words, as chat and e-mail show it.
type Message struct {
	// Headline is one line: "Post-mortem published: Checkout outage".
	Headline string
	// Lines say more, one fact each.
	Lines []string
	// URL opens the post-mortem.
	URL string
}

// MessageOf words an announcement; baseURL makes the link absolute.
func MessageOf(a hindsight.Announcement, baseURL string) Message {
	m := Message{URL: strings.TrimRight(baseURL, "/") + "/postmortems/" + a.PostMortemID}
	facts := []string{}
	if a.Severity != "" {
		facts = append(facts, a.Severity)
	}
	if a.Team != "" {
		facts = append(facts, "team "+a.Team)
	}
	if len(a.Services) > 0 {
		facts = append(facts, strings.Join(a.Services, ", "))
	}
	switch a.Kind {
	case hindsight.AnnouncePublished:
		m.Headline = "Post-mortem published: " + a.Title
	case hindsight.AnnounceRepublished:
		m.Headline = "Post-mortem updated: " + a.Title
	case hindsight.AnnounceReviewRequested:
		m.Headline = "Review requested: " + a.Title
	case hindsight.AnnounceMentioned:
		m.Headline = a.Actor + " mentioned you on " + a.Title
	case hindsight.AnnounceOverdue:
		m.Headline = "Countermeasure overdue: " + a.Detail
	case hindsight.AnnounceRevisitDue:
		m.Headline = "Revisit due: " + a.Title
	default:
		m.Headline = string(a.Kind) + ": " + a.Title
	}
	if len(facts) > 0 {
		m.Lines = append(m.Lines, strings.Join(facts, " · "))
	}
	if a.Summary != "" && (a.Kind == hindsight.AnnouncePublished || a.Kind == hindsight.AnnounceRepublished) {
		m.Lines = append(m.Lines, a.Summary)
	}
	switch {
	case a.Kind == hindsight.AnnounceOverdue:
		m.Lines = append(m.Lines, "Of the post-mortem "+a.Title+due(a))
	case a.Kind == hindsight.AnnounceRevisitDue:
		m.Lines = append(m.Lines, a.Detail+due(a))
	case a.Detail != "":
		m.Lines = append(m.Lines, a.Detail)
	}
	if a.Actor != "" && (a.Kind == hindsight.AnnouncePublished || a.Kind == hindsight.AnnounceRepublished) {
		m.Lines = append(m.Lines, "By "+a.Actor)
	}
	return m
}

func due(a hindsight.Announcement) string {
	if a.Due == nil {
		return ""
	}
	return fmt.Sprintf(" — due %s", a.Due)
}
