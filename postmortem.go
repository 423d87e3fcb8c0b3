package hindsight

import "time"

// Status is where a post-mortem is in its life: written, reviewed, announced.
type Status string

// The statuses a post-mortem moves through.
const (
	StatusDraft     Status = "draft"
	StatusInReview  Status = "in_review"
	StatusPublished Status = "published"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusDraft, StatusInReview, StatusPublished}

// PostMortem is one incident's post-mortem: the guide's template (meeting
// details, incident times, description) plus what the template has no place
// for but the guide asks for (5 whys, countermeasures, stakeholders).
//
// Times are always UTC. A time nobody recorded is nil, never zero.
type PostMortem struct {
	ID       string   `json:"id"`
	Version  int64    `json:"version"`
	Title    string   `json:"title"`
	Status   Status   `json:"status"`
	Severity string   `json:"severity"`
	Services []string `json:"services"`
	Team     string   `json:"team"`

	Meeting  Meeting  `json:"meeting"`
	Incident Incident `json:"incident"`

	// Description is the short Markdown description under the severity line.
	Description    string      `json:"description"`
	Events         []Event     `json:"events"`
	AdditionalInfo string      `json:"additional_info"`
	Remediation    string      `json:"remediation"`
	BugTickets     []BugTicket `json:"bug_tickets"`
	Summary        string      `json:"summary"`
	Tags           []string    `json:"tags"`

	Whys      []Why  `json:"whys"`
	RootCause string `json:"root_cause"`

	Countermeasures []Countermeasure `json:"countermeasures"`
	Stakeholders    []Stakeholder    `json:"stakeholders"`

	// OtherSections keeps, verbatim and in order, the Markdown sections an
	// imported document had that Hindsight has no field for, so an import
	// never loses text.
	OtherSections []Section `json:"other_sections"`

	// Metrics is derived from the incident and meeting times on every read;
	// anything sent in it is ignored.
	Metrics Metrics `json:"metrics"`

	// Access says who may see it; by default everyone who signs in.
	Access Access `json:"access"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// AuthorID is the user who created it: the author may edit it and
	// move it to the trash whatever their role. UpdatedBy and
	// UpdatedByID name who made the latest change. The service stamps all
	// three from the signed-in user; what a client sends is ignored.
	AuthorID    string `json:"author_id,omitempty"`
	UpdatedBy   string `json:"updated_by,omitempty"`
	UpdatedByID string `json:"updated_by_id,omitempty"`

	// ChangeNote is the one line a writer may add to a save ("added the
	// DBA's timeline"). It belongs to the version the save makes and is
	// kept in the history, never in the document: reads leave it empty,
	// so a client that sends back what it read never repeats an old note.
	ChangeNote string `json:"change_note,omitempty"`
}

// Meeting is the guide's "Meeting Details".
type Meeting struct {
	Date          *time.Time `json:"date"`
	Contact       string     `json:"contact"`
	CreatedBy     string     `json:"created_by"`
	FacilitatedBy string     `json:"facilitated_by"`
}

// Incident is the guide's "Incident Timeline": when it started, was detected
// and ended, plus labelled extra times such as first user impact or hotfix.
type Incident struct {
	StartedAt       *time.Time     `json:"started_at"`
	DetectedAt      *time.Time     `json:"detected_at"`
	EndedAt         *time.Time     `json:"ended_at"`
	AdditionalTimes []LabelledTime `json:"additional_times"`
}

// LabelledTime is one of the incident's additional times.
type LabelledTime struct {
	Label string    `json:"label"`
	At    time.Time `json:"at"`
}

// Well-known labels for additional times, as the guide names them.
const (
	LabelFirstUserImpact = "First User Impact"
	LabelFirstUserReport = "First User Report"
	LabelHotfix          = "Hotfix"
)

// EventKind says what a timeline event was, following the guide's list of
// what engineers record: actions, investigation paths, resolution steps.
type EventKind string

// The kinds of timeline event.
const (
	EventAction        EventKind = "action"
	EventObservation   EventKind = "observation"
	EventDecision      EventKind = "decision"
	EventInvestigation EventKind = "investigation"
	EventResolution    EventKind = "resolution"
	EventCommunication EventKind = "communication"
)

// EventKinds lists every event kind.
var EventKinds = []EventKind{EventAction, EventObservation, EventDecision, EventInvestigation, EventResolution, EventCommunication}

// Event is one timestamped entry of "What happened", told from the
// perspective of whoever reported it. Kind may be empty when nobody said.
// At may be nil for an imported bullet that carried no time.
type Event struct {
	At         *time.Time `json:"at"`
	ReportedBy string     `json:"reported_by"`
	Kind       EventKind  `json:"kind"`
	Text       string     `json:"text"`
	Effect     string     `json:"effect"`
}

// BugTicket is a ticket associated with the remediation.
type BugTicket struct {
	Ref string `json:"ref"`
	URL string `json:"url"`
}

// Why is one step of the 5-whys chain.
type Why struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Section is a Markdown section kept verbatim: its heading text and body.
type Section struct {
	Heading string `json:"heading"`
	Body    string `json:"body"`
}

// Metrics are the durations derived from the recorded times. A duration
// whose times were not both recorded is nil.
type Metrics struct {
	TimeToDetectSeconds     *int64 `json:"time_to_detect_seconds"`
	TimeToResolveSeconds    *int64 `json:"time_to_resolve_seconds"`
	TimeToPostmortemSeconds *int64 `json:"time_to_postmortem_seconds"`
}
