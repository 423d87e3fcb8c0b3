package mail

import (
	"cmp"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/calendar"
	"hindsight/internal/webhook"
)

// RenderInvitation words a meeting notice as an e-mail to one of its
// attendees: plain text and HTML saying when, who is invited and why,
// and the calendar object itself, so the recipient's calendar program
// offers to accept or decline the meeting (or removes it). Replies go to
// the organizer.
func RenderInvitation(n hindsight.MeetingNotice, to hindsight.Invitation, baseURL string) Message {
	inv := calendar.InvitationOf(n, baseURL)
	when := n.Start.UTC().Format("Mon 2 Jan 2006, 15:04") + "–" + n.Start.UTC().Add(inv.Duration).Format("15:04") + " UTC"
	organizer := n.Organizer
	if n.OrganizerName != "" {
		organizer = n.OrganizerName
	}
	m := webhook.Message{URL: inv.URL}
	var names []string
	for _, a := range n.Attendees {
		names = append(names, cmp.Or(a.Name, a.Email))
	}
	switch {
	case n.Method == hindsight.MeetingCancel && n.Update:
		m.Headline = "No longer invited: " + inv.Summary
		m.Lines = []string{fmt.Sprintf("%s no longer invites you to the post-mortem meeting of “%s” on %s; it goes on without you.", organizer, n.Title, when)}
	case n.Method == hindsight.MeetingCancel && n.Trashed:
		m.Headline = "Cancelled: " + inv.Summary
		m.Lines = []string{fmt.Sprintf("The post-mortem meeting of “%s” on %s is off: the post-mortem was moved to the trash.", n.Title, when)}
	case n.Method == hindsight.MeetingCancel:
		m.Headline = "Cancelled: " + inv.Summary
		m.Lines = []string{fmt.Sprintf("%s called off the post-mortem meeting of “%s” on %s.", organizer, n.Title, when)}
	case n.Update:
		m.Headline = "Updated invitation: " + inv.Summary
		m.Lines = []string{fmt.Sprintf("%s changed the post-mortem meeting of “%s”: it is on %s.", organizer, n.Title, when),
			"Invited: " + strings.Join(names, ", ") + "."}
	default:
		m.Headline = "Invitation: " + inv.Summary
		m.Lines = []string{fmt.Sprintf("%s invites you to the post-mortem meeting of “%s” on %s.", organizer, n.Title, when),
			"Invited: " + strings.Join(names, ", ") + ".",
			"The meeting is held blamelessly: what happened, why, and what we will do about it. Read the post-mortem before it."}
	}
	why := "You get this because you were invited to this meeting. Accept or decline it in your calendar; your answer goes to " + n.Organizer + "."
	if n.Method == hindsight.MeetingCancel {
		why = "You get this because you were invited to this meeting; your calendar takes it away."
	}
	out := compose(m, why)
	out.Subject = "[Hindsight] " + m.Headline + " (" + when + ")"
	out.To, out.ReplyTo = []string{to.Email}, n.Organizer
	out.Calendar, out.Method = string(inv.Bytes()), n.Method
	return out
}
