package hindsight

import (
	"context"
	"database/sql"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// Invitation is one person invited to a post-mortem's meeting.
type Invitation struct {
	Email string    `json:"email"`
	Name  string    `json:"name"`
	At    time.Time `json:"at"`
	// By is the address of who scheduled the meeting: the invitation's
	// organizer.
	By string `json:"by"`
}

// InvitationStore keeps who was invited to each meeting.
type InvitationStore interface {
	// SaveInvitationsTx replaces a meeting's invitations in tx.
	SaveInvitationsTx(ctx context.Context, tx *sql.Tx, postmortemID string, invs []Invitation) error
	Invitations(ctx context.Context, postmortemID string) ([]Invitation, error)
}

// GuideRoles are the people the guide wants at the meeting: whoever
// decided, identified, responded, diagnosed, and was affected.
var GuideRoles = []Role{RoleDecided, RoleIdentified, RoleResponded, RoleDiagnosed, RoleAffected}

// RoleCoverage is, for one of the guide's roles, the stakeholders in it
// and whether each was invited.
type RoleCoverage struct {
	Role   Role            `json:"role"`
	People []CoveredPerson `json:"people"`
	// Invited says at least one of them was.
	Invited bool `json:"invited"`
}

// CoveredPerson is a stakeholder in a role.
type CoveredPerson struct {
	Name    string `json:"name"`
	Email   string `json:"email"`
	Invited bool   `json:"invited"`
}

// MeetingState is a post-mortem's meeting: when, who was invited, and who
// of the guide's list was not.
type MeetingState struct {
	Date        *time.Time     `json:"date"`
	Invitations []Invitation   `json:"invitations"`
	Coverage    []RoleCoverage `json:"coverage"`
	// Sequence orders the invitation's versions (the post-mortem's
	// version), so a calendar replaces an older one.
	Sequence int64  `json:"sequence"`
	Title    string `json:"title"`
}

// Meeting returns the meeting of a post-mortem the reader may see.
func (s *Service) Meeting(ctx context.Context, id string) (MeetingState, error) {
	p, err := s.Get(ctx, id)
	if err != nil {
		return MeetingState{}, err
	}
	invs, err := s.store.Invitations(ctx, id)
	if err != nil {
		return MeetingState{}, err
	}
	st := MeetingState{Date: p.Meeting.Date, Invitations: invs, Sequence: p.Version, Title: p.Title, Coverage: []RoleCoverage{}}
	invited := func(email string) bool {
		return email != "" && slices.ContainsFunc(invs, func(i Invitation) bool { return strings.EqualFold(i.Email, email) })
	}
	for _, r := range GuideRoles {
		c := RoleCoverage{Role: r, People: []CoveredPerson{}}
		for _, sh := range p.Stakeholders {
			if slices.Contains(sh.Roles, r) {
				cp := CoveredPerson{Name: sh.Name, Email: sh.Email, Invited: invited(sh.Email)}
				c.Invited = c.Invited || cp.Invited
				c.People = append(c.People, cp)
			}
		}
		st.Coverage = append(st.Coverage, c)
	}
	return st, nil
}

// maxInvitees bounds one meeting's invitations.
const maxInvitees = 100

// ScheduleMeeting sets the meeting's time on the version the scheduler saw
// and invites the addresses given (replacing earlier invitations), in one
// save. Whoever may edit the post-mortem may. A restricted post-mortem's
// meeting invites only accounts that may read it. With mail on, everyone
// invited is e-mailed the meeting request (an update when it was
// scheduled before) and anyone no longer invited a cancellation, queued
// with the save.
func (s *Service) ScheduleMeeting(ctx context.Context, id string, version int64, at time.Time, invitees []string) ([]Invitation, error) {
	who, stored, err := s.editable(ctx, id)
	if err != nil {
		return nil, err
	}
	if who.User == nil || who.User.Email == "" {
		return nil, forbidden("meetings are scheduled by people who sign in: the invitation names them as its organizer")
	}
	if stored.Version != version {
		return nil, &ConflictError{ID: id, CurrentVersion: stored.Version}
	}
	v := &ValidationError{}
	if at.IsZero() {
		v.Add("meeting.date", "is required")
	}
	if len(invitees) > maxInvitees {
		v.Add("invitees", "at most %d", maxInvitees)
	}
	now := s.now()
	var invs []Invitation
	for i, raw := range invitees {
		addr, err := mail.ParseAddress(strings.TrimSpace(raw))
		field := fmt.Sprintf("invitees[%d]", i)
		if err != nil || !clean(raw) || len(raw) > MaxTitleLen {
			v.Add(field, "%q is not an e-mail address", raw)
			continue
		}
		email := strings.ToLower(addr.Address)
		if slices.ContainsFunc(invs, func(x Invitation) bool { return x.Email == email }) {
			continue
		}
		name := addr.Name
		for _, sh := range stored.Stakeholders {
			if strings.EqualFold(sh.Email, email) && name == "" {
				name = sh.Name
			}
		}
		if stored.Access.Restricted && !s.addressMayRead(ctx, email, headOf(stored)) {
			v.Add(field, "%s may not see this restricted post-mortem; share it with them first", email)
			continue
		}
		invs = append(invs, Invitation{Email: email, Name: name, At: now, By: who.User.Email})
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	p, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	at = at.UTC().Truncate(time.Minute)
	p.Meeting.Date = &at
	p.ChangeNote = fmt.Sprintf("Meeting scheduled; %d invited", len(invs))
	if invs == nil {
		invs = []Invitation{}
	}
	if err := s.save(ctx, who, p, stored, Change{meeting: &invs}); err != nil {
		return nil, err
	}
	return invs, nil
}
