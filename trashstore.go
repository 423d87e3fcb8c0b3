package hindsight

import (
	"context"
	"time"
)

// TrashStore keeps deleted post-mortems until they are purged.
// PostMortemStore.Delete moves a post-mortem there whole — document,
// countermeasures, images, history — so it leaves every list, search,
// count, feed and tracker at once and comes back whole on restore.
type TrashStore interface {
	// ListTrash returns one page of the trash, most recently deleted
	// first.
	ListTrash(ctx context.Context, f TrashFilter) (TrashPage, error)
	// GetTrashed describes one post-mortem in the trash, or ErrNotFound.
	GetTrashed(ctx context.Context, id string) (TrashItem, error)
	// RestoreFromTrash puts a trashed post-mortem back as it was (same
	// version), with its images; ErrNotFound when it is not in the trash.
	RestoreFromTrash(ctx context.Context, id string, audit ...AuditEvent) error
	// PurgeTrash deletes for good, with their images and history, the
	// trashed post-mortem f.ID, or (without an ID) every one deleted
	// before f.DeletedBefore, and returns what it purged. For each it
	// writes the audit event made from the template (a new ID, the
	// post-mortem as target, its title as detail) in the same
	// transaction. Run twice, or by two instances at once, nothing is
	// purged or logged twice.
	PurgeTrash(ctx context.Context, f PurgeFilter, template AuditEvent) ([]TrashItem, error)
}

// TrashFilter pages the trash. AuthorID, when set, keeps only the
// post-mortems that user wrote: everybody but admins sees only their own.
type TrashFilter struct {
	AuthorID string `json:"-"`
	Limit    int
	Cursor   string
}

// PurgeFilter picks what PurgeTrash deletes: one post-mortem by ID, or
// every one deleted before DeletedBefore.
type PurgeFilter struct {
	ID            string
	DeletedBefore time.Time
}

// TrashItem is a post-mortem in the trash, as the trash can lists it.
type TrashItem struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Severity    string    `json:"severity"`
	Version     int64     `json:"version"`
	AuthorID    string    `json:"author_id,omitempty"`
	Restricted  bool      `json:"restricted"`
	DeletedAt   time.Time `json:"deleted_at"`
	DeletedBy   string    `json:"deleted_by"`
	DeletedByID string    `json:"deleted_by_id,omitempty"`
	// PurgeAt is when it goes for good; the service sets it from the
	// policy.
	PurgeAt time.Time `json:"purge_at"`
}

// TrashPage is one page of the trash.
type TrashPage struct {
	Items      []TrashItem `json:"items"`
	NextCursor string      `json:"next_cursor"`
}
