package hindsight

import (
	"context"
	"database/sql"
	"slices"
	"time"
)

// AnnouncementKind is what happened that people should hear about.
type AnnouncementKind string

// The kinds of announcement: the events webhooks and e-mail subscribe to.
const (
	AnnouncePublished       AnnouncementKind = "published"
	AnnounceRepublished     AnnouncementKind = "republished"
	AnnounceReviewRequested AnnouncementKind = "review_requested"
	AnnounceMentioned       AnnouncementKind = "mentioned"
	AnnounceOverdue         AnnouncementKind = "countermeasure_overdue"
	AnnounceRevisitDue      AnnouncementKind = "revisit_due"
)

// AnnouncementKinds lists every kind, as destinations choose them.
var AnnouncementKinds = []AnnouncementKind{AnnouncePublished, AnnounceRepublished, AnnounceReviewRequested, AnnounceMentioned, AnnounceOverdue, AnnounceRevisitDue}

// Announcement is one event to tell people about. It carries what a chat
// message or an e-mail shows; who may read the post-mortem is checked
// again when it is delivered, so a post-mortem restricted since is never
// told to anybody who may not see it.
type Announcement struct {
	ID   string           `json:"id"`
	Kind AnnouncementKind `json:"kind"`
	// Key is unique per event ("overdue:PM:CM:2026-04-01"), so an event
	// found by two instances is announced once.
	Key          string    `json:"key"`
	PostMortemID string    `json:"postmortem_id"`
	Version      int64     `json:"version"`
	Title        string    `json:"title"`
	Severity     string    `json:"severity"`
	Team         string    `json:"team"`
	Services     []string  `json:"services"`
	Tags         []string  `json:"tags"`
	Summary      string    `json:"summary"`
	Actor        string    `json:"actor"`
	At           time.Time `json:"at"`
	// Recipients are the users this is addressed to (reviewers asked,
	// people mentioned, owners of an overdue countermeasure); empty for
	// news everyone concerned hears.
	Recipients []string `json:"recipients,omitempty"`
	// Detail says more: what changed, the countermeasure that is overdue,
	// the comment that mentions someone.
	Detail string `json:"detail,omitempty"`
	// Due is the date something is due (a countermeasure, a revisit).
	Due *Date `json:"due,omitempty"`
}

// Announcer queues announcements, meeting notices and webhook
// redeliveries in the transaction of the write that causes them. Package announce implements
// it with a durable job queue; without one (Service.Announcer nil)
// nothing is announced.
type Announcer interface {
	AnnounceTx(ctx context.Context, tx *sql.Tx, a Announcement) error
	RedeliverTx(ctx context.Context, tx *sql.Tx, d Delivery) error
	// InviteTx queues a meeting's invitation, update or cancellation for
	// e-mail; without mail it does nothing.
	InviteTx(ctx context.Context, tx *sql.Tx, n MeetingNotice) error
	// Mails reports whether e-mail is sent.
	Mails(ctx context.Context) bool
	// TestMail sends a test message to an address at once, not through
	// the queue, and returns how the mail server answered.
	TestMail(ctx context.Context, to string) error
}

// MailOn reports whether this instance sends e-mail, so a page can say
// whether people are told by mail or must be told another way.
func (s *Service) MailOn(ctx context.Context) bool {
	return s.Announcer != nil && s.Announcer.Mails(ctx)
}

// announceHook is the hook that queues a, or nil when nothing announces.
func (s *Service) announceHook(a Announcement) TxHook {
	if s.Announcer == nil {
		return nil
	}
	if a.ID == "" {
		a.ID = NewID()
	}
	if a.At.IsZero() {
		a.At = s.now()
	}
	return func(ctx context.Context, tx *sql.Tx) error { return s.Announcer.AnnounceTx(ctx, tx, a) }
}

// announcementOf is an announcement about p.
func announcementOf(kind AnnouncementKind, p *PostMortem, actor string) Announcement {
	return Announcement{Kind: kind, PostMortemID: p.ID, Version: p.Version, Title: p.Title, Severity: p.Severity, Team: p.Team,
		Services: p.Services, Tags: p.Tags, Summary: p.Summary, Actor: actor}
}

// Announce queues an announcement found by a scheduled scan rather than
// caused by a write — a countermeasure fallen overdue, a revisit fallen
// due — in a transaction of its own. Its Key makes it announced once
// however many instances find it. Only housekeeping (and the command
// line) may; without a queue nothing is announced.
func (s *Service) Announce(ctx context.Context, a Announcement) error {
	if p, _ := PrincipalFrom(ctx); !p.System {
		return forbidden("announcements of scheduled events are the instance's own")
	}
	v := &ValidationError{}
	if !slices.Contains(AnnouncementKinds, a.Kind) {
		v.Add("kind", "must be one of %s, not %q", joinValues(AnnouncementKinds), a.Kind)
	}
	if a.Key == "" || !clean(a.Key) {
		v.Add("key", "is required: it makes the event announced once")
	}
	if a.PostMortemID == "" {
		v.Add("postmortem_id", "is required")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	hook := s.announceHook(a)
	if hook == nil {
		return nil
	}
	return s.store.InTx(ctx, hook)
}
