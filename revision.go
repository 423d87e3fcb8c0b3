package hindsight

import (
	"context"
	"time"
)

// Revision is one entry of a post-mortem's history: the save that made a
// version — who, when, which fields it changed and the writer's note.
// Every save makes one, so every version anybody was shown can be seen,
// compared and restored again.
type Revision struct {
	Version   int64     `json:"version"`
	SavedAt   time.Time `json:"saved_at"`
	SavedBy   string    `json:"saved_by"`
	SavedByID string    `json:"saved_by_id,omitempty"`
	// Changes are the JSON names of the top-level fields the save changed
	// ("title", "events", "countermeasures"); empty for the first version.
	Changes []string `json:"changes"`
	// Note is the one line the writer added ("added the DBA's timeline").
	Note string `json:"note,omitempty"`
	// RestoredFrom is the earlier version this save brought back, or 0.
	RestoredFrom int64 `json:"restored_from,omitempty"`
	// Current marks the version the post-mortem is at now.
	Current bool `json:"current"`
}

// Change is what a store keeps beside a new version besides who and when
// (the post-mortem's UpdatedBy and UpdatedAt): the fields changed and,
// for a restore, the version restored. The writer's note travels in
// PostMortem.ChangeNote.
type Change struct {
	Fields       []string
	RestoredFrom int64
	// Also, when set, runs inside the save's transaction before it
	// commits: what the save causes (a publication recorded, an
	// announcement queued) is kept with it or not at all.
	Also TxHook
	// meeting, when set, replaces the meeting's invitations (see
	// Service.meetingNotices); the stores never see it.
	meeting meetingChange
}

// Deletion says who moved a post-mortem to the trash, and when.
type Deletion struct {
	At   time.Time
	By   string
	ByID string
	// With is work that commits with the move or not at all (the
	// cancellation of the post-mortem's meeting); stores run it in the
	// move's transaction.
	With TxHook
}

// HistoryStore keeps every version of every post-mortem. Update and
// CreateMany record a revision in the same transaction as the document;
// the history outlives a move to the trash and goes only with a purge.
type HistoryStore interface {
	// Revisions lists a post-mortem's revisions newest first, one page at
	// a time; ErrNotFound when it has none (it never existed or was
	// purged).
	Revisions(ctx context.Context, id string, f RevisionFilter) (RevisionPage, error)
	// GetVersion returns the whole document as it was at version n, or
	// ErrNotFound.
	GetVersion(ctx context.Context, id string, n int64) (*PostMortem, error)
}

// RevisionFilter pages a history: Cursor is the NextCursor of the page
// before ("" for the newest), Limit as for every list.
type RevisionFilter struct {
	Limit  int
	Cursor string
}

// RevisionPage is one page of a history, newest first.
type RevisionPage struct {
	Items      []Revision `json:"items"`
	NextCursor string     `json:"next_cursor"`
}
