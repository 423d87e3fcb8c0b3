package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxPrepared bounds the statements kept prepared; queries past it run
// unprepared. Hindsight's queries are fixed texts with parameters, so the
// bound is never reached in practice.
const maxPrepared = 512

// preparedDB is the read pool with its queries prepared once and reused:
// SQLite parses a statement on every unprepared query, which was the
// largest single cost of a cached page's few lookups (session, user,
// version).
type preparedDB struct {
	*sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

func newPreparedDB(db *sql.DB) *preparedDB {
	return &preparedDB{DB: db, stmts: map[string]*sql.Stmt{}}
}

// stmt returns query prepared, or nil when it cannot be kept.
func (p *preparedDB) stmt(ctx context.Context, query string) *sql.Stmt {
	p.mu.RLock()
	st := p.stmts[query]
	p.mu.RUnlock()
	if st != nil {
		return st
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st = p.stmts[query]; st != nil || len(p.stmts) >= maxPrepared {
		return st
	}
	st, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil // the query itself reports the error
	}
	p.stmts[query] = st
	return st
}

// QueryContext runs query as a prepared statement.
func (p *preparedDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query as a prepared statement.
func (p *preparedDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// Close closes the statements and the pool.
func (p *preparedDB) Close() error {
	p.mu.Lock()
	for _, st := range p.stmts {
		st.Close()
	}
	p.stmts = map[string]*sql.Stmt{}
	p.mu.Unlock()
	return p.DB.Close()
}
