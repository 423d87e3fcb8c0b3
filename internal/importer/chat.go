package importer

import (
	"context"
	"fmt"
	"slices"
	"time"

	"hindsight"
	"hindsight/internal/chatimport"
)

// ChatRequest is a chat import: which messages, and where they go.
type ChatRequest struct {
	Messages []chatimport.Message
	Window   chatimport.Window
	Choice   chatimport.Choice
	// Into is the post-mortem whose timeline gains the events; when empty
	// a new draft titled Title is made.
	Into  string
	Title string
}

// ChatResult says what a chat import did.
type ChatResult struct {
	Read     int `json:"messages_read"`
	InWindow int `json:"messages_in_window"`
	Added    int `json:"events_added"`
}

// Chat brings the chosen messages in as timeline events, each with its
// author as the perspective and its time: into an existing post-mortem
// (kept in time order, with the version it was read at, so a concurrent
// edit is refused rather than overwritten) or as a new draft.
func Chat(ctx context.Context, svc *hindsight.Service, req ChatRequest) (*hindsight.PostMortem, ChatResult, error) {
	res := ChatResult{Read: len(req.Messages), InWindow: len(chatimport.Select(req.Messages, req.Window, chatimport.ChooseAll))}
	events := chatimport.Events(chatimport.Select(req.Messages, req.Window, req.Choice))
	res.Added = len(events)
	if req.Into == "" {
		title := req.Title
		if title == "" {
			title = "Chat timeline"
		}
		p := &hindsight.PostMortem{Title: title, Status: hindsight.StatusDraft, Events: events}
		if len(events) > 0 {
			start := *events[0].At
			p.Incident.StartedAt = &start
		}
		if err := svc.Create(ctx, p); err != nil {
			return nil, res, err
		}
		return p, res, nil
	}
	p, err := svc.Get(ctx, req.Into)
	if err != nil {
		return nil, res, err
	}
	p.Events = append(p.Events, events...)
	slices.SortStableFunc(p.Events, func(a, b hindsight.Event) int {
		switch {
		case a.At == nil || b.At == nil:
			return 0
		}
		return a.At.Compare(*b.At)
	})
	if err := svc.Update(ctx, p); err != nil {
		return nil, res, err
	}
	return p, res, nil
}

// ParseWindowTime reads a window bound: RFC 3339, or a date and time in
// loc; "" is an open bound.
func ParseWindowTime(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := chatimport.ParseTime(s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("window: %w", err)
	}
	return t, nil
}
