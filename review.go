package hindsight

import (
	"context"
	"database/sql"
	"time"
)

// Verdict is what a reviewer says of a post-mortem.
type Verdict string

// The verdicts.
const (
	VerdictApproved         Verdict = "approved"
	VerdictChangesRequested Verdict = "changes_requested"
)

// ReviewRequest asks a named user to review a post-mortem.
type ReviewRequest struct {
	PostMortemID  string    `json:"postmortem_id"`
	ReviewerID    string    `json:"reviewer_id"`
	Reviewer      string    `json:"reviewer"`
	RequestedByID string    `json:"requested_by_id"`
	RequestedBy   string    `json:"requested_by"`
	At            time.Time `json:"at"`
}

// Review is one verdict, on the version the reviewer read. A reviewer
// may give several; the latest counts.
type Review struct {
	ID           string    `json:"id"`
	PostMortemID string    `json:"postmortem_id"`
	Version      int64     `json:"version"`
	ReviewerID   string    `json:"reviewer_id"`
	Reviewer     string    `json:"reviewer"`
	Verdict      Verdict   `json:"verdict"`
	Note         string    `json:"note"`
	At           time.Time `json:"at"`
}

// Comment is a remark on a post-mortem, attached to a section ("summary",
// "whys") or a timeline event ("events[3]"), or to the whole when Anchor
// is empty; a reply names its thread's first comment as ParentID.
type Comment struct {
	ID           string `json:"id"`
	PostMortemID string `json:"postmortem_id"`
	ParentID     string `json:"parent_id,omitempty"`
	Anchor       string `json:"anchor,omitempty"`
	// Quote is the anchored text as it was when the comment was made, so
	// the comment still makes sense after the text changed.
	Quote    string    `json:"quote,omitempty"`
	Body     string    `json:"body"`
	AuthorID string    `json:"author_id"`
	Author   string    `json:"author"`
	Version  int64     `json:"version"`
	At       time.Time `json:"at"`
	// Mentions are the ids of the users @mentioned (and told).
	Mentions   []string   `json:"mentions"`
	ResolvedAt *time.Time `json:"resolved_at"`
	ResolvedBy string     `json:"resolved_by,omitempty"`
}

// Publication records when a post-mortem was first published and when
// and at which version it was last announced, so a later edit shows as
// "changed after publishing" and can be announced again.
type Publication struct {
	PostMortemID     string    `json:"postmortem_id"`
	FirstPublishedAt time.Time `json:"first_published_at"`
	PublishedAt      time.Time `json:"published_at"`
	Version          int64     `json:"version"`
	By               string    `json:"by"`
}

// ReviewRecord is everything said in the review of one post-mortem, oldest
// first.
type ReviewRecord struct {
	Requests []ReviewRequest
	Reviews  []Review
	Comments []Comment
}

// ReviewStore keeps reviews, comments and publications. The writes take a
// hook that runs in their transaction (an announcement queued with them).
type ReviewStore interface {
	// AddReviewRequests records requests; one already made is kept as it
	// was.
	AddReviewRequests(ctx context.Context, rs []ReviewRequest, also TxHook) error
	AddReview(ctx context.Context, r Review, also TxHook) error
	AddComment(ctx context.Context, c Comment, also TxHook) error
	// ResolveComment marks a comment resolved (at set) or open again.
	ResolveComment(ctx context.Context, postmortemID, id string, at *time.Time, by string) error
	ReviewRecord(ctx context.Context, postmortemID string) (ReviewRecord, error)
	// Publication returns ErrNotFound for a post-mortem never published.
	Publication(ctx context.Context, postmortemID string) (*Publication, error)
	// SavePublicationTx records a publishing in tx, keeping the first
	// publishing time already recorded.
	SavePublicationTx(ctx context.Context, tx *sql.Tx, p Publication) error
}
