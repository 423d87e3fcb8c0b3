package hindsight

import (
	"context"
	"database/sql"
)

// TxHook is work that must commit with a write or not at all: recording
// that a post-mortem was published and queueing its announcement in the
// same transaction as the save, so a crash between the two can neither
// announce a save that never happened nor lose the announcement of one
// that did. Stores run it inside the write's transaction.
type TxHook func(ctx context.Context, tx *sql.Tx) error

// Run runs the hook, if there is one.
func (h TxHook) Run(ctx context.Context, tx *sql.Tx) error {
	if h == nil {
		return nil
	}
	return h(ctx, tx)
}

// Then is h followed by next, in the same transaction.
func (h TxHook) Then(next TxHook) TxHook {
	if h == nil {
		return next
	}
	if next == nil {
		return h
	}
	return func(ctx context.Context, tx *sql.Tx) error {
		if err := h(ctx, tx); err != nil {
			return err
		}
		return next(ctx, tx)
	}
}

// sqlTx is a database transaction, as hooks receive it.
type sqlTx = sql.Tx
