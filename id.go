package hindsight

import "github.com/google/uuid"

// NewID makes a new identifier. UUIDv7 sorts by creation time, which keeps
// index inserts local and makes IDs a usable tie-breaker for "newest first".
func NewID() string { return uuid.Must(uuid.NewV7()).String() }
