package hindsight

import (
	"context"
	"iter"
	"time"
)

// Store is everything Hindsight keeps. The sqlite and postgres packages
// implement it and the storetest package checks both against one suite.
// Every method takes ctx first; every write is one transaction.
type Store interface {
	PostMortemStore
	CountermeasureStore
	AttachmentStore
	UploadStore
	PeopleStore
	InsightStore
	IdentityStore
	HistoryStore
	TrashStore
	ReviewStore
	ReadStore
	RevisitStore
	PublicSummaryStore
	InvitationStore
	WebhookStore
	VersionStore
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Ready reports whether it answers and has every migration this
	// binary needs applied.
	Ready(ctx context.Context) error
	// ClaimJob claims a scheduled job's run: if the job is due at now (or
	// has never run), it moves its next run to next and reports true —
	// atomically, so of several instances one runs each job once per
	// period.
	ClaimJob(ctx context.Context, job, instance string, now, next time.Time) (bool, error)
	Close() error
}

// PostMortemStore keeps post-mortems.
type PostMortemStore interface {
	// Create stores a new post-mortem, setting ID (when empty) and Version
	// 1, and records version 1 in the history with p.ChangeNote. CreatedAt,
	// UpdatedAt and UpdatedBy are kept as given: the service stamps them,
	// so every time comes from its one clock. An ID taken by a post-mortem
	// in the trash is taken.
	Create(ctx context.Context, p *PostMortem) error
	// CreateMany stores several new post-mortems in one transaction: all
	// of them or, on any error, none. Imports and demo data use it.
	CreateMany(ctx context.Context, ps []*PostMortem) error
	// CreateAll stores the post-mortems of every batch batches yields,
	// each as CreateMany stores it, in one transaction: all of them or, on
	// any error (one a batch brings too), none. It loads many (demo data,
	// benchmarks) the fastest way its engine has; the post-mortems are
	// not given back stamped.
	CreateAll(ctx context.Context, batches iter.Seq2[[]*PostMortem, error]) error
	// Get returns ErrNotFound when there is no such post-mortem.
	Get(ctx context.Context, id string) (*PostMortem, error)
	// Head returns the version, author and access without reading the
	// document, so a cached page can be checked and served cheaply.
	Head(ctx context.Context, id string) (Head, error)
	// Create, CreateMany and Update also keep what the document links
	// to, in the same transaction: each of its own attachments it links
	// (see PostMortem.AttachmentRefs) is marked linked, and a pending
	// upload it links by that id, owned by the user who saves
	// (UpdatedByID), becomes its attachment; they keep the people it names
	// (PostMortem.People) for PeopleStore.
	//
	// Update replaces the post-mortem whose Version p names. If the stored
	// version differs it returns a *ConflictError and changes nothing. On
	// success p.Version holds the new version and CreatedAt the stored one;
	// UpdatedAt and UpdatedBy are kept as given. The version replaced goes
	// into the history and the new one's revision (change, p.ChangeNote)
	// is recorded; the audit events are written in the same transaction.
	Update(ctx context.Context, p *PostMortem, change Change, audit ...AuditEvent) error
	// Delete moves the post-mortem and everything that belongs to it to
	// the trash (see TrashStore) if it is still at version; otherwise it
	// returns a *ConflictError and changes nothing. The check and the move
	// are one transaction, so a delete never removes an update its client
	// did not see.
	Delete(ctx context.Context, id string, version int64, d Deletion, audit ...AuditEvent) error
	// List returns one page of summaries matching f.
	List(ctx context.Context, f ListFilter) (Page, error)
	// CountByStatus counts post-mortems by status, for the metrics.
	CountByStatus(ctx context.Context) (map[Status]int, error)
}

// ListFilter selects post-mortems. Empty fields do not filter. From and To
// bound the incident start (or the creation time when no start was
// recorded), From inclusive and To exclusive.
type ListFilter struct {
	// Q is a full-text query over title, summary, description, events,
	// remediation, whys, root cause and countermeasures; with Q the page is
	// ordered by relevance, without it newest incident first.
	Q        string
	Tag      string
	Severity string
	Status   Status
	// Team and Service keep the post-mortems of one team or naming one
	// service (any case), as the per-team and per-service feeds list them.
	Team, Service string
	From, To      *time.Time
	// Limit is the page size: 0 means DefaultPageSize, at most MaxPageSize.
	Limit int
	// Cursor is the NextCursor of the previous page, or "" for the first.
	Cursor string
	// Audience is who reads; the service sets it.
	Audience Audience `json:"-"`
}

// Page sizes for every paged list.
const (
	DefaultPageSize = 25
	MaxPageSize     = 200
)

// Highlight markers wrap the matched terms in Summary.Snippet. They are
// control characters so no stored text can forge them; presenters replace
// them after escaping (with <mark> in HTML).
const (
	HighlightStart = "\x02"
	HighlightEnd   = "\x03"
)

// Page is one page of a list and the cursor of the next ("" on the last).
type Page struct {
	Items      []Summary `json:"items"`
	NextCursor string    `json:"next_cursor"`
}

// Summary is what a list shows of a post-mortem.
type Summary struct {
	ID          string     `json:"id"`
	Version     int64      `json:"version"`
	Title       string     `json:"title"`
	Status      Status     `json:"status"`
	Severity    string     `json:"severity"`
	Services    []string   `json:"services"`
	Team        string     `json:"team"`
	Tags        []string   `json:"tags"`
	Summary     string     `json:"summary"`
	StartedAt   *time.Time `json:"started_at"`
	DetectedAt  *time.Time `json:"detected_at"`
	EndedAt     *time.Time `json:"ended_at"`
	MeetingDate *time.Time `json:"meeting_date"`
	// Snippet is a short excerpt around the matches of ListFilter.Q, with
	// HighlightStart/HighlightEnd around each match; empty without Q.
	Snippet   string    `json:"snippet,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TimeToResolveSeconds is the summary's derived MTTR contribution, or nil.
func (s Summary) TimeToResolveSeconds() *int64 { return between(s.StartedAt, s.EndedAt) }

// CountermeasureStore lists countermeasures across all post-mortems. They
// are changed through their post-mortem (PostMortemStore.Update), so the
// post-mortem's version guards them too.
type CountermeasureStore interface {
	ListCountermeasures(ctx context.Context, f CountermeasureFilter) (CountermeasurePage, error)
}

// CountermeasureFilter selects countermeasures; empty fields do not filter.
type CountermeasureFilter struct {
	Owner    string
	Status   CountermeasureStatus
	Priority Priority
	Tag      string
	Severity string
	// Overdue keeps those whose due date passed before Now and that are not
	// done or won't do.
	Overdue bool
	// Pending keeps those with a target date that are not done or won't
	// do: what a calendar shows.
	Pending bool
	// ReverifyBefore, when set, keeps done countermeasures whose latest
	// verification (or, never verified, done time) is before it.
	ReverifyBefore *time.Time
	Now            time.Time
	// Sort is "due" (soonest first, undated last) or "priority" (P1 first);
	// "" means "due".
	Sort   string
	Limit  int
	Cursor string
	// Audience is who reads; the service sets it.
	Audience Audience `json:"-"`
}

// CountermeasureRow is a countermeasure with the post-mortem it belongs to.
type CountermeasureRow struct {
	Countermeasure
	PostMortemID      string   `json:"postmortem_id"`
	PostMortemTitle   string   `json:"postmortem_title"`
	PostMortemVersion int64    `json:"postmortem_version"`
	Severity          string   `json:"severity"`
	Tags              []string `json:"tags"`
	// Overdue and DueForReverification are derived by the service from
	// its clock and policy; stores leave them false.
	Overdue              bool `json:"overdue"`
	DueForReverification bool `json:"due_for_reverification"`
}

// CountermeasurePage is one page of countermeasure rows.
type CountermeasurePage struct {
	Items      []CountermeasureRow `json:"items"`
	NextCursor string              `json:"next_cursor"`
}

// AttachmentStore keeps images that belong to a post-mortem.
type AttachmentStore interface {
	// PutAttachment stores a, setting ID when empty; CreatedAt is kept as
	// given. The post-mortem must exist (ErrNotFound otherwise).
	PutAttachment(ctx context.Context, a *Attachment) error
	// GetAttachment returns ErrNotFound unless the attachment exists and
	// belongs to that post-mortem.
	GetAttachment(ctx context.Context, postmortemID, id string) (*Attachment, error)
	// AttachmentUsage counts a post-mortem's attachments and their bytes.
	AttachmentUsage(ctx context.Context, postmortemID string) (count int, bytes int64, err error)
}

// UploadStore keeps images uploaded before the post-mortem they are for
// was first saved, and purges what was abandoned.
type UploadStore interface {
	// PutUpload stores a pending upload, setting ID when empty; CreatedAt
	// is kept as given.
	PutUpload(ctx context.Context, u *Upload) error
	// GetUpload returns ErrNotFound unless the pending upload exists.
	GetUpload(ctx context.Context, id string) (*Upload, error)
	// UploadUsage counts a user's pending uploads and their bytes.
	UploadUsage(ctx context.Context, ownerID string) (count int, bytes int64, err error)
	// MissingUploads returns those of ids that are not pending uploads
	// owned by ownerID.
	MissingUploads(ctx context.Context, ownerID string, ids []string) ([]string, error)
	// PurgeUploads deletes the pending uploads, and the attachments no
	// saved version ever linked, created before cutoff. Each is one
	// statement, so instances sharing a database may run it at once.
	PurgeUploads(ctx context.Context, cutoff time.Time) (Purged, error)
}

// Upload is an image uploaded for a post-mortem not saved yet. Only its
// owner sees it; the save that links it makes it an attachment.
type Upload struct {
	ID          string    `json:"id"`
	OwnerID     string    `json:"-"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Data        []byte    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// Purged counts what a purge of abandoned images deleted.
type Purged struct {
	Uploads     int `json:"uploads"`
	Attachments int `json:"attachments"`
}

// PeopleStore finds the names people have written, for suggestions.
type PeopleStore interface {
	// People returns up to f.Limit names — of people named in
	// post-mortems the audience may see, and of users not disabled — one
	// per PersonKey, whose name or a word of it starts with f.Q (case and
	// spacing ignored): names starting with it first, then by name.
	People(ctx context.Context, f PeopleFilter) ([]string, error)
}

// PeopleFilter selects names to suggest.
type PeopleFilter struct {
	Q string
	// Limit is at most MaxPeople; 0 means DefaultPeople.
	Limit int
	// Audience is who reads; the service sets it.
	Audience Audience `json:"-"`
}

// How many names a suggestion list offers.
const (
	DefaultPeople = 20
	MaxPeople     = 500
)

// Attachment is an uploaded file, an image shown in additional info.
type Attachment struct {
	ID           string    `json:"id"`
	PostMortemID string    `json:"postmortem_id"`
	Filename     string    `json:"filename"`
	ContentType  string    `json:"content_type"`
	Data         []byte    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// InsightStore gives the facts KPIs are computed from.
type InsightStore interface {
	// IncidentFacts returns the times, severity and countermeasure facts of
	// every post-mortem whose incident started (or, without a start, was
	// created) in [From, To), filtered like ListFilter.
	IncidentFacts(ctx context.Context, f FactsFilter) ([]IncidentFacts, error)
}

// FactsFilter selects the post-mortems insights are computed over.
type FactsFilter struct {
	From, To *time.Time
	Severity string
	Tag      string
	// Audience is who reads; the service sets it.
	Audience Audience `json:"-"`
}

// IncidentFacts is the light projection of a post-mortem that KPIs, late
// meetings and the calendar feed need; stores read it from columns, never
// from documents.
type IncidentFacts struct {
	ID              string
	Title           string
	Severity        string
	Status          Status
	CreatedAt       time.Time
	StartedAt       *time.Time
	DetectedAt      *time.Time
	EndedAt         *time.Time
	MeetingDate     *time.Time
	Countermeasures []CountermeasureFact
}
