// Package sqlrecords keeps what follows a post-mortem's writing — reviews,
// comments, publications, webhooks and their delivery log — with one set
// of queries for both engines. The tables are plain (no search, no JSON
// operators), so the only differences are the placeholder style and how
// times are kept, which Dialect hides.
package sqlrecords

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hindsight"
)

// Dialect is the engine the queries run on.
type Dialect int

// The engines.
const (
	SQLite Dialect = iota
	Postgres
)

// Records is the shared part of a store. The sqlite and postgres stores
// embed it.
type Records struct {
	read, write *sql.DB
	d           Dialect
	// appendAudit writes audit events in a transaction, as the store
	// does.
	appendAudit func(ctx context.Context, tx *sql.Tx, audit []hindsight.AuditEvent) error
	// Committed, when set, follows every committed transaction, as the
	// store's own transactions are followed (PostgreSQL reads the
	// versions the commit moved on).
	Committed func(ctx context.Context, err error) error
}

// New returns the records kept in the store's database: read is the pool
// queries use, write the one writes use (the same on PostgreSQL).
func New(read, write *sql.DB, d Dialect, appendAudit func(context.Context, *sql.Tx, []hindsight.AuditEvent) error) *Records {
	return &Records{read: read, write: write, d: d, appendAudit: appendAudit}
}

// q rewrites ? placeholders as $1, $2… for PostgreSQL.
func (r *Records) q(query string) string {
	if r.d != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// t is a time as the engine keeps it: microseconds on SQLite, a timestamp
// on PostgreSQL.
func (r *Records) t(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if r.d == SQLite {
		return t.UnixMicro()
	}
	return t
}

func (r *Records) tp(t *time.Time) any {
	if t == nil {
		return nil
	}
	return r.t(*t)
}

// timeCol scans a time kept either way.
type timeCol struct{ t **time.Time }

func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.t = nil
	case int64:
		t := time.UnixMicro(x).UTC()
		*c.t = &t
	case time.Time:
		t := x.UTC()
		*c.t = &t
	default:
		return fmt.Errorf("a time kept as %T", v)
	}
	return nil
}

// at scans a time that is never null into t.
func at(t *time.Time) sql.Scanner { return &requiredTime{t: t} }

type requiredTime struct {
	t *time.Time
	p *time.Time
}

func (c *requiredTime) Scan(v any) error {
	if err := (timeCol{&c.p}).Scan(v); err != nil {
		return err
	}
	if c.p == nil {
		return fmt.Errorf("a required time is null")
	}
	*c.t = *c.p
	return nil
}

// inTx runs fn in one write transaction.
func (r *Records) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := r.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if r.Committed != nil {
		return r.Committed(ctx, nil)
	}
	return nil
}

// InTx runs a hook in a transaction of its own.
func (r *Records) InTx(ctx context.Context, hook hindsight.TxHook) error {
	return r.inTx(ctx, func(tx *sql.Tx) error { return hook.Run(ctx, tx) })
}

func jsonList[T any](list []T) string {
	if list == nil {
		list = []T{}
	}
	b, _ := json.Marshal(list)
	return string(b)
}

func fromJSONList[T any](s string) ([]T, error) {
	out := []T{}
	if s == "" {
		return out, nil
	}
	return out, json.Unmarshal([]byte(s), &out)
}

type scanner interface{ Scan(...any) error }

// affected turns "no row changed" into ErrNotFound.
func affected(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", what, hindsight.ErrNotFound)
	}
	return nil
}
