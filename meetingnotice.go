package hindsight

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// MeetingMethod is what a meeting e-mail asks of the calendar that reads
// it (RFC 5546): to add or update the meeting, or to take it away.
type MeetingMethod string

// The methods Hindsight sends.
const (
	MeetingRequest MeetingMethod = "REQUEST"
	MeetingCancel  MeetingMethod = "CANCEL"
)

// MeetingNotice is a post-mortem meeting's invitation, update or
// cancellation, e-mailed to the people it lists with a calendar part, so
// their calendar program offers Accept and Decline or removes the
// meeting. Every notice of one meeting carries the same calendar UID; a
// later one has a higher Sequence (the post-mortem's version the save
// made), so calendars replace what they were sent before.
type MeetingNotice struct {
	ID           string        `json:"id"`
	PostMortemID string        `json:"postmortem_id"`
	Method       MeetingMethod `json:"method"`
	Sequence     int64         `json:"sequence"`
	// Start is when the meeting begins (a request), or began (a
	// cancellation).
	Start time.Time `json:"start"`
	Title string    `json:"title"`
	// Organizer is the address of who scheduled it: calendars send
	// replies there. OrganizerName names them, when known.
	Organizer     string `json:"organizer"`
	OrganizerName string `json:"organizer_name"`
	// Attendees are, for a request, everyone invited — each gets the
	// e-mail; for a cancellation, the people no longer invited.
	Attendees []Invitation `json:"attendees"`
	// Update says the meeting was scheduled before and goes on: a request
	// updates an earlier invitation (a new time, other people), a
	// cancellation tells people they are no longer invited. Otherwise a
	// request is the first invitation and a cancellation calls the
	// meeting off.
	Update bool      `json:"update"`
	At     time.Time `json:"at"`
}

// meetingChange is what a save does to a post-mortem's meeting beyond its
// date: nil leaves the invitations as they are; otherwise the complete
// new list (empty to withdraw every invitation).
type meetingChange = *[]Invitation

// meetingNotices works out, for a save of p over stored, which
// invitations to keep and which notices to send, and returns the hook
// that saves the one and queues the others in the save's transaction (nil
// when there is nothing to do):
//   - invitations replaced (scheduling again): a request to everyone now
//     invited, a cancellation to everyone no longer invited;
//   - the date moved in an edit: an update to everyone invited;
//   - the date taken away (the meeting cancelled): a cancellation to
//     everyone invited, whose invitations are withdrawn.
func (s *Service) meetingNotices(ctx context.Context, p, stored *PostMortem, replaced meetingChange) (TxHook, error) {
	moved := !sameTime(p.Meeting.Date, stored.Meeting.Date)
	if replaced == nil && !moved {
		return nil, nil
	}
	old, err := s.store.Invitations(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	invs := old
	if replaced != nil {
		invs = *replaced
	}
	if p.Meeting.Date == nil {
		invs = nil
	}
	if replaced == nil && len(old) == 0 {
		return nil, nil
	}
	var hook TxHook
	if replaced != nil || len(invs) != len(old) {
		hook = func(ctx context.Context, tx *sqlTx) error { return s.store.SaveInvitationsTx(ctx, tx, p.ID, invs) }
	}
	n := MeetingNotice{PostMortemID: p.ID, Sequence: stored.Version + 1, Title: p.Title, At: s.now()}
	switch {
	case len(invs) > 0:
		n.Organizer = invs[0].By
	case len(old) > 0:
		n.Organizer = old[0].By
	}
	if u, err := s.store.UserByEmail(ctx, n.Organizer); err == nil {
		n.OrganizerName = u.Name
	}
	if len(invs) > 0 {
		req := n
		req.Method, req.Start, req.Attendees, req.Update = MeetingRequest, *p.Meeting.Date, invs, len(old) > 0
		hook = hook.Then(s.noticeHook(req))
	}
	var gone []Invitation
	for _, o := range old {
		if !slices.ContainsFunc(invs, func(i Invitation) bool { return strings.EqualFold(i.Email, o.Email) }) {
			gone = append(gone, o)
		}
	}
	if len(gone) > 0 {
		cancel := n
		cancel.Method, cancel.Attendees, cancel.Update = MeetingCancel, gone, len(invs) > 0
		if at := cmp.Or(stored.Meeting.Date, p.Meeting.Date); at != nil {
			cancel.Start = *at
			hook = hook.Then(s.noticeHook(cancel))
		}
	}
	return hook, nil
}

// noticeHook queues a meeting notice, or is nil when nothing announces.
func (s *Service) noticeHook(n MeetingNotice) TxHook {
	if s.Announcer == nil {
		return nil
	}
	n.ID = NewID()
	return func(ctx context.Context, tx *sqlTx) error { return s.Announcer.InviteTx(ctx, tx, n) }
}

func sameTime(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}

// CancelMeeting calls off a post-mortem's meeting, on the version the
// canceller saw: its date is cleared in one save, every invitation is
// withdrawn and each person invited is sent a cancellation their
// calendar acts on. Whoever may edit the post-mortem may.
func (s *Service) CancelMeeting(ctx context.Context, id string, version int64) error {
	who, stored, err := s.editable(ctx, id)
	if err != nil {
		return err
	}
	if stored.Version != version {
		return &ConflictError{ID: id, CurrentVersion: stored.Version}
	}
	if stored.Meeting.Date == nil {
		return Invalid("meeting.date", "no meeting is scheduled")
	}
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	p.Meeting.Date, p.ChangeNote = nil, "Meeting cancelled"
	none := []Invitation{}
	return s.save(ctx, who, p, stored, Change{meeting: &none})
}

// MeetingRecipients are the people of a notice it may go to now, as the
// post-mortem is when it is sent: for a restricted post-mortem, only
// those whose active account may read it (whoever was invited before it
// was restricted hears nothing of it). ErrNotFound when the post-mortem
// is gone. Only the queue (housekeeping) and admins may ask.
func (s *Service) MeetingRecipients(ctx context.Context, n MeetingNotice) ([]Invitation, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return nil, err
	}
	h, err := s.store.Head(ctx, n.PostMortemID)
	if err != nil {
		return nil, fmt.Errorf("post-mortem %s: %w", n.PostMortemID, err)
	}
	out := []Invitation{}
	for _, a := range n.Attendees {
		if !h.Access.Restricted || s.addressMayRead(ctx, a.Email, h) {
			out = append(out, a)
		}
	}
	return out, nil
}

// addressMayRead reports whether the active account with this address
// may read a post-mortem.
func (s *Service) addressMayRead(ctx context.Context, email string, h Head) bool {
	u, err := s.store.UserByEmail(ctx, email)
	return err == nil && !u.Disabled && mayRead(Principal{User: u}, h)
}
