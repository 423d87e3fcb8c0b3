package hindsight

import "context"

// Principal is who makes a request: a signed-in user (by session or API
// token), or the operator at the command line, who holds the database
// anyway and may do everything.
type Principal struct {
	User *User
	// ReadOnly is set for a read-only API token: it may read what its
	// user may read and change nothing.
	ReadOnly bool
	// System is the command line: every check passes.
	System bool
	// Via says how the principal was recognised ("session", "token",
	// "command line"); ClientIP where the request came from. Both go into
	// the audit log.
	Via      string
	ClientIP string
}

type principalKey struct{}

// WithPrincipal returns a context that says who makes the requests made
// with it. Only the sign-in middleware and the command line set it.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom is the principal set by WithPrincipal; ok is false when
// nobody signed in.
func PrincipalFrom(ctx context.Context) (p Principal, ok bool) {
	p, ok = ctx.Value(principalKey{}).(Principal)
	return p, ok && (p.User != nil || p.System)
}

// CommandLine is the context the command line works in: the operator, named
// so every change they make says where it came from.
func CommandLine(ctx context.Context) context.Context {
	return WithPrincipal(ctx, Principal{System: true, Via: "command line", User: &User{ID: "", Name: "command line", Role: Admin}})
}

// ActorFrom names who makes a change, as the record shows it.
func ActorFrom(ctx context.Context) string {
	p, _ := PrincipalFrom(ctx)
	return p.User.Display()
}

// actorID is the id of the user who makes a change, "" for the command
// line.
func actorID(ctx context.Context) string {
	if p, ok := PrincipalFrom(ctx); ok && p.User != nil {
		return p.User.ID
	}
	return ""
}

// Housekeeping is the context of the work an instance does by itself on a
// schedule, such as purging the trash: the operator's rights, recorded
// under its own name so the audit log says nobody clicked.
func Housekeeping(ctx context.Context) context.Context {
	return WithPrincipal(ctx, Principal{System: true, Via: "schedule", User: &User{ID: "", Name: "Hindsight (scheduled)", Role: Admin}})
}
