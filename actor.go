package hindsight

import "context"

type actorKey struct{}

// WithActor returns a context that names who is making a change. Handlers
// set it from the request (later from the signed-in user) and stores record
// it, so every write path can say who and when.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// ActorFrom is the name set by WithActor, or "" when nobody said.
func ActorFrom(ctx context.Context) string {
	s, _ := ctx.Value(actorKey{}).(string)
	return s
}
