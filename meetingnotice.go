package hindsight

import (
	"cmp"
	"context"
	"errors"
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
	Update bool `json:"update"`
	// Trashed says a cancellation was sent because the post-mortem went
	// to the trash; its attendees were chosen as it went (see
	// MeetingRecipients).
	Trashed bool      `json:"trashed,omitempty"`
	At      time.Time `json:"at"`
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
	n := s.notice(ctx, p, stored.Version+1, invs, old)
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

// notice is the start of a notice about p's meeting, with the sequence
// given, organised by whoever made the first of the invitation lists
// that has one.
func (s *Service) notice(ctx context.Context, p *PostMortem, seq int64, lists ...[]Invitation) MeetingNotice {
	n := MeetingNotice{PostMortemID: p.ID, Sequence: seq, Title: p.Title, At: s.now()}
	if i := slices.IndexFunc(lists, func(l []Invitation) bool { return len(l) > 0 }); i >= 0 {
		n.Organizer = lists[i][0].By
	}
	if u, err := s.store.UserByEmail(ctx, n.Organizer); err == nil {
		n.OrganizerName = u.Name
	}
	return n
}

// trashNotices is the hook that, as a post-mortem goes to the trash,
// withdraws its meeting's invitations and queues a cancellation to
// everyone invited who may read it now — the meeting of a post-mortem
// that no longer exists is off, as if it had been cancelled — or nil
// when nobody is invited. The cancellation comes after every notice
// before it (a higher SEQUENCE); a post-mortem restored keeps its date,
// and scheduling it again invites people anew.
func (s *Service) trashNotices(ctx context.Context, h Head, version int64) (TxHook, error) {
	invs, err := s.store.Invitations(ctx, h.ID)
	if err != nil || len(invs) == 0 {
		return nil, err
	}
	p, err := s.store.Get(ctx, h.ID)
	if err != nil {
		return nil, err
	}
	if p.Version != version {
		return nil, &ConflictError{ID: h.ID, CurrentVersion: p.Version}
	}
	hook := TxHook(func(ctx context.Context, tx *sqlTx) error { return s.store.SaveInvitationsTx(ctx, tx, h.ID, nil) })
	if p.Meeting.Date == nil {
		return hook, nil
	}
	n := s.notice(ctx, p, p.Version+1, invs)
	n.Method, n.Start, n.Trashed = MeetingCancel, *p.Meeting.Date, true
	for _, a := range invs {
		if !h.Access.Restricted || s.addressMayRead(ctx, a.Email, h) {
			n.Attendees = append(n.Attendees, a)
		}
	}
	return hook.Then(s.noticeHook(n)), nil
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
// is gone, except for the cancellation sent as it went to the trash,
// whose people were chosen then. Only the queue (housekeeping) and admins may ask.
func (s *Service) MeetingRecipients(ctx context.Context, n MeetingNotice) ([]Invitation, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return nil, err
	}
	h, err := s.store.Head(ctx, n.PostMortemID)
	if errors.Is(err, ErrNotFound) && n.Trashed {
		return n.Attendees, nil // chosen as it went to the trash
	}
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
