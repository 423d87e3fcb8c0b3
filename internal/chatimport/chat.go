// Package chatimport reads the timelines incidents are worked in — a Slack
// channel export, chat text pasted from any client, CSV and JSON lines —
// as messages, so a person can choose the incident window and the
// messages that matter (pinned or reacted-to ones first) and bring them
// into a post-mortem as timeline events, each with its author as the
// perspective and its time.
package chatimport

import (
	"slices"
	"strings"
	"time"

	"hindsight"
)

// Message is one chat message.
type Message struct {
	At     time.Time `json:"at"`
	Author string    `json:"author"`
	Text   string    `json:"text"`
	// Kind is a timeline event kind when the source says one (CSV, JSON
	// lines); "" otherwise.
	Kind hindsight.EventKind `json:"kind,omitempty"`
	// Marked is a message someone pinned or reacted to: chosen by default.
	Marked bool `json:"marked"`
}

// Window is the incident window; a zero bound is open.
type Window struct{ From, To time.Time }

// Contains reports whether t falls in the window.
func (w Window) Contains(t time.Time) bool {
	return (w.From.IsZero() || !t.Before(w.From)) && (w.To.IsZero() || !t.After(w.To))
}

// Choice says which messages in the window become events.
type Choice int

// The choices: the marked ones (all of them when none is marked), or all.
const (
	ChooseMarked Choice = iota
	ChooseAll
)

// Select returns the messages in the window, in time order, that the
// choice takes.
func Select(msgs []Message, w Window, c Choice) []Message {
	var in []Message
	marked := false
	for _, m := range msgs {
		if w.Contains(m.At) && strings.TrimSpace(m.Text) != "" {
			in = append(in, m)
			marked = marked || m.Marked
		}
	}
	slices.SortStableFunc(in, func(a, b Message) int { return a.At.Compare(b.At) })
	if c == ChooseAll || !marked {
		return in
	}
	return slices.DeleteFunc(in, func(m Message) bool { return !m.Marked })
}

// Events turns messages into timeline events: the author is the
// perspective, the message's time the event's.
func Events(msgs []Message) []hindsight.Event {
	out := make([]hindsight.Event, len(msgs))
	for i, m := range msgs {
		at := m.At.UTC()
		out[i] = hindsight.Event{At: &at, ReportedBy: m.Author, Text: strings.TrimSpace(m.Text), Kind: m.Kind}
	}
	return out
}
