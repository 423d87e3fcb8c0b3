package hindsight

import "time"

// CountermeasureKind says how a countermeasure protects against a repeat.
type CountermeasureKind string

// The kinds of countermeasure.
const (
	KindPrevent  CountermeasureKind = "prevent"
	KindDetect   CountermeasureKind = "detect"
	KindMitigate CountermeasureKind = "mitigate"
	KindProcess  CountermeasureKind = "process"
)

// CountermeasureKinds lists every countermeasure kind.
var CountermeasureKinds = []CountermeasureKind{KindPrevent, KindDetect, KindMitigate, KindProcess}

// Priority orders countermeasures; P1 is the most urgent.
type Priority string

// The priorities.
const (
	P1 Priority = "P1"
	P2 Priority = "P2"
	P3 Priority = "P3"
	P4 Priority = "P4"
)

// Priorities lists every priority, most urgent first.
var Priorities = []Priority{P1, P2, P3, P4}

// CountermeasureStatus tracks a countermeasure until it is done.
type CountermeasureStatus string

// The countermeasure statuses.
const (
	CMOpen       CountermeasureStatus = "open"
	CMInProgress CountermeasureStatus = "in_progress"
	CMDone       CountermeasureStatus = "done"
	CMWontDo     CountermeasureStatus = "wont_do"
)

// CountermeasureStatuses lists every countermeasure status in workflow order.
var CountermeasureStatuses = []CountermeasureStatus{CMOpen, CMInProgress, CMDone, CMWontDo}

// Countermeasure is an action decided in the post-mortem: prioritised, owned,
// with a target date, followed until done and then checked that it still
// takes effect.
type Countermeasure struct {
	// ID is stable across edits so history and verifications follow it.
	ID         string               `json:"id"`
	Title      string               `json:"title"`
	Kind       CountermeasureKind   `json:"kind"`
	Priority   Priority             `json:"priority"`
	Owner      string               `json:"owner"`
	Due        *Date                `json:"due"`
	Status     CountermeasureStatus `json:"status"`
	DoneAt     *time.Time           `json:"done_at"`
	VerifiedAt *time.Time           `json:"verified_at"`
	Ticket     string               `json:"ticket"`
	// Verifications is the history of "still taking effect" checks, oldest
	// first; VerifiedAt is the latest of them.
	Verifications []Verification `json:"verifications,omitempty"`
	// StatusChanges is who moved it from one status to another and when,
	// oldest first. Like verifications, only the service records them.
	StatusChanges []StatusChange `json:"status_changes,omitempty"`
}

// Verification records that someone checked a done countermeasure still works.
type Verification struct {
	At   time.Time `json:"at"`
	By   string    `json:"by"`
	ByID string    `json:"by_id,omitempty"`
	Note string    `json:"note"`
}

// StatusChange records one move of a countermeasure between statuses;
// From is empty for the status it was created with.
type StatusChange struct {
	At   time.Time            `json:"at"`
	By   string               `json:"by"`
	ByID string               `json:"by_id,omitempty"`
	From CountermeasureStatus `json:"from,omitempty"`
	To   CountermeasureStatus `json:"to"`
}

// DoneBy is the latest move to done — who and when — or nil when nobody
// recorded one.
func (c Countermeasure) DoneBy() *StatusChange {
	for i := len(c.StatusChanges) - 1; i >= 0; i-- {
		if c.StatusChanges[i].To == CMDone {
			return &c.StatusChanges[i]
		}
	}
	return nil
}

// Overdue reports whether the countermeasure's target date has passed while
// it is still open or in progress.
func (c Countermeasure) Overdue(now time.Time) bool { return c.Fact().Overdue(now) }

// Fact is the part of the countermeasure that follow-through figures need.
func (c Countermeasure) Fact() CountermeasureFact {
	return CountermeasureFact{Kind: c.Kind, Status: c.Status, Due: c.Due, DoneAt: c.DoneAt}
}

// CountermeasureFact is what insights count of a countermeasure: stores
// read it from their projection columns, so figures over every
// countermeasure never decode one.
type CountermeasureFact struct {
	Kind   CountermeasureKind
	Status CountermeasureStatus
	Due    *Date
	DoneAt *time.Time
}

// Overdue reports whether the target date has passed while the
// countermeasure is still open or in progress.
func (c CountermeasureFact) Overdue(now time.Time) bool {
	if c.Due == nil || c.Status == CMDone || c.Status == CMWontDo {
		return false
	}
	return c.Due.Before(now)
}

// Role is why a stakeholder belongs in the post-mortem, as the guide lists.
type Role string

// The stakeholder roles.
const (
	RoleDecided    Role = "decided"
	RoleIdentified Role = "identified"
	RoleResponded  Role = "responded"
	RoleDiagnosed  Role = "diagnosed"
	RoleAffected   Role = "affected"
	RoleInterested Role = "interested"
)

// Roles lists every stakeholder role in the guide's order.
var Roles = []Role{RoleDecided, RoleIdentified, RoleResponded, RoleDiagnosed, RoleAffected, RoleInterested}

// Stakeholder is someone to invite to the post-mortem and why.
type Stakeholder struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Roles []Role `json:"roles"`
}
