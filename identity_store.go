package hindsight

import (
	"context"
	"time"
)

// IdentityStore keeps who may sign in and what they did: users, their
// credentials, sessions, API tokens, one-time links, failed sign-ins and
// the audit log. It lives in the same database as the post-mortems, so
// several instances share every session and throttle.
type IdentityStore interface {
	// CreateUser stores a new user (setting ID when empty) and its
	// credentials; an e-mail already taken is a *ValidationError on
	// "email". The audit events are written in the same transaction.
	CreateUser(ctx context.Context, u *User, c Credentials, audit ...AuditEvent) error
	// UpdateUser replaces a user's profile, role, groups and state.
	UpdateUser(ctx context.Context, u *User, audit ...AuditEvent) error
	// SetCredentials replaces a user's secrets.
	SetCredentials(ctx context.Context, userID string, c Credentials, audit ...AuditEvent) error
	GetUser(ctx context.Context, id string) (*User, error)
	UserByEmail(ctx context.Context, email string) (*User, error)
	UserBySubject(ctx context.Context, subject string) (*User, error)
	Credentials(ctx context.Context, userID string) (Credentials, error)
	// ListUsers returns every user, by e-mail. Organisations have
	// thousands, not millions, of users.
	ListUsers(ctx context.Context) ([]User, error)
	// CountAdmins counts admins who are not disabled.
	CountAdmins(ctx context.Context) (int, error)
	// TouchSignIn records a successful sign-in.
	TouchSignIn(ctx context.Context, userID string, at time.Time, audit ...AuditEvent) error

	// Sessions are opaque data keyed by a hash of the session token.
	// FindSession returns a session that has not expired at now, with its
	// expiry.
	FindSession(ctx context.Context, key string, now time.Time) (data []byte, expires time.Time, found bool, err error)
	CommitSession(ctx context.Context, key string, data []byte, expires time.Time) error
	DeleteSession(ctx context.Context, key string) error
	// PurgeSessions deletes sessions that expired before now.
	PurgeSessions(ctx context.Context, now time.Time) error

	CreateToken(ctx context.Context, t *Token, audit ...AuditEvent) error
	// TokenByHash returns the token with that hash, revoked or expired
	// ones too: the caller decides.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	ListTokens(ctx context.Context, userID string) ([]Token, error)
	// RevokeToken revokes one of the user's tokens.
	RevokeToken(ctx context.Context, userID, id string, at time.Time, audit ...AuditEvent) error
	// TouchToken records when a token was last used.
	TouchToken(ctx context.Context, id string, at time.Time) error

	// CreateOneTimeLink stores a link's hash; UseOneTimeLink deletes and
	// returns it if it exists, is of that purpose and has not expired —
	// atomically, so a link works once even across instances.
	CreateOneTimeLink(ctx context.Context, l OneTimeLink) error
	UseOneTimeLink(ctx context.Context, hash, purpose string, now time.Time) (*OneTimeLink, error)
	// PeekOneTimeLink returns a usable link without using it.
	PeekOneTimeLink(ctx context.Context, hash, purpose string, now time.Time) (*OneTimeLink, error)

	// Failed sign-ins, counted per key ("account:EMAIL", "client:IP").
	RecordFailure(ctx context.Context, key string, at time.Time) error
	CountFailures(ctx context.Context, key string, since time.Time) (count int, oldest time.Time, err error)
	ClearFailures(ctx context.Context, key string) error

	AppendAudit(ctx context.Context, e AuditEvent) error
	ListAudit(ctx context.Context, f AuditFilter) (AuditPage, error)
}

// Token is an API token (or a private calendar feed's secret): only its
// hash is kept, the token itself is shown once.
type Token struct {
	ID       string `json:"id"`
	UserID   string `json:"user_id"`
	Name     string `json:"name"`
	Hash     string `json:"-"`
	ReadOnly bool   `json:"read_only"`
	// Purpose is "api" for Authorization: Bearer, "feed" for a private
	// calendar URL.
	Purpose    string     `json:"purpose"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// OneTimeLink is a link that works once before it expires: the first
// admin's setup link, or a password reset an admin hands to a user.
type OneTimeLink struct {
	Hash      string
	Purpose   string
	UserID    string
	ExpiresAt time.Time
}

// AuditEvent records who did what, when and from where.
type AuditEvent struct {
	ID      string    `json:"id"`
	At      time.Time `json:"at"`
	ActorID string    `json:"actor_id"`
	Actor   string    `json:"actor"`
	// Action is a dotted name: "signin", "signin.failed", "signout",
	// "user.created", "user.role", "user.disabled", "user.password",
	// "token.created", "token.revoked", "postmortem.access",
	// "postmortem.deleted".
	Action string `json:"action"`
	// Target names what was acted on (a user's e-mail, a post-mortem's
	// id); Detail says more in words.
	Target   string `json:"target"`
	Detail   string `json:"detail"`
	ClientIP string `json:"client_ip"`
}

// AuditFilter selects audit events; empty fields do not filter.
type AuditFilter struct {
	Action   string // an action or a prefix ending in "." ("user.")
	Actor    string // actor name or e-mail, exact
	From, To *time.Time
	Limit    int
	Cursor   string
}

// AuditPage is one page of audit events, newest first.
type AuditPage struct {
	Items      []AuditEvent `json:"items"`
	NextCursor string       `json:"next_cursor"`
}
