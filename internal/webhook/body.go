package webhook

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"hindsight"
)

// Body is what a webhook of the format receives for an announcement.
// eventID identifies the delivery (see DeliveryHeader).
func Body(format hindsight.WebhookFormat, a hindsight.Announcement, eventID, baseURL string) ([]byte, error) {
	m := MessageOf(a, baseURL)
	switch format {
	case hindsight.FormatSlack:
		return json.Marshal(slackBody(m))
	case hindsight.FormatTeams:
		return json.Marshal(teamsBody(m))
	case hindsight.FormatJSON, "":
		return json.Marshal(jsonBody(a, eventID, m.URL))
	}
	return nil, fmt.Errorf("webhook format %q", format)
}

// slackBody is an incoming-webhook message: text for notifications and
// blocks for the channel.
func slackBody(m Message) map[string]any {
	text := "*<" + m.URL + "|" + slackEscape(m.Headline) + ">*"
	for _, l := range m.Lines {
		text += "\n" + slackEscape(l)
	}
	return map[string]any{
		"text": slackEscape(m.Headline),
		"blocks": []any{
			map[string]any{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": text}},
		},
	}
}

// slackEscape escapes the three characters Slack's mrkdwn gives meaning.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// teamsBody is a message with an Adaptive Card, which Teams channel
// workflows ("post to a channel when a webhook request is received") and
// incoming webhooks accept.
func teamsBody(m Message) map[string]any {
	items := []any{map[string]any{"type": "TextBlock", "text": m.Headline, "weight": "Bolder", "size": "Medium", "wrap": true}}
	for _, l := range m.Lines {
		items = append(items, map[string]any{"type": "TextBlock", "text": l, "wrap": true})
	}
	card := map[string]any{
		"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
		"body":    items,
		"actions": []any{map[string]any{"type": "Action.OpenUrl", "title": "Open in Hindsight", "url": m.URL}},
	}
	return map[string]any{"type": "message", "attachments": []any{
		map[string]any{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": nil, "content": card},
	}}
}

// Event is the generic JSON body: the announcement as data.
type Event struct {
	ID         string                     `json:"id"`
	Type       hindsight.AnnouncementKind `json:"type"`
	CreatedAt  time.Time                  `json:"created_at"`
	Actor      string                     `json:"actor,omitempty"`
	Detail     string                     `json:"detail,omitempty"`
	Due        *hindsight.Date            `json:"due,omitempty"`
	PostMortem EventPostMortem            `json:"postmortem"`
}

// EventPostMortem is what the generic body says of the post-mortem.
type EventPostMortem struct {
	ID       string   `json:"id"`
	Version  int64    `json:"version"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Team     string   `json:"team"`
	Services []string `json:"services"`
	Tags     []string `json:"tags"`
	Summary  string   `json:"summary,omitempty"`
	URL      string   `json:"url"`
}

func jsonBody(a hindsight.Announcement, eventID, url string) Event {
	e := Event{ID: eventID, Type: a.Kind, CreatedAt: a.At.UTC(), Actor: a.Actor, Detail: a.Detail, Due: a.Due,
		PostMortem: EventPostMortem{ID: a.PostMortemID, Version: a.Version, Title: a.Title, Severity: a.Severity, Team: a.Team,
			Services: orEmpty(a.Services), Tags: orEmpty(a.Tags), URL: url}}
	if a.Kind == hindsight.AnnouncePublished || a.Kind == hindsight.AnnounceRepublished {
		e.PostMortem.Summary = a.Summary
	}
	return e
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
