package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// rowInsert is an INSERT of a table's rows: head is the statement up to
// VALUES, cols how many values a row has.
type rowInsert struct {
	head string
	cols int
}

// sql is the statement inserting n rows.
func (r rowInsert) sql(n int) string {
	row := "(" + strings.Repeat("?, ", r.cols-1) + "?)"
	return r.head + strings.Repeat(row+", ", n-1) + row
}

// rowWriter writes the rows of one table.
type rowWriter interface {
	add(ctx context.Context, vals ...any) error
}

// stmtRows writes each row as it comes.
type stmtRows struct {
	*sql.Stmt
	ins rowInsert
}

func (s stmtRows) add(ctx context.Context, vals ...any) error {
	_, err := s.ExecContext(ctx, vals...)
	return err
}

// maxParams is the most parameters SQLite takes in one statement.
const maxParams = 32766

// bulkRows gathers rows and writes them many per statement, which saves
// the cost of running a statement per row. Rows are written in the order
// they came, so OR IGNORE keeps the same first row a save would.
type bulkRows struct {
	tx   *sql.Tx
	ins  rowInsert
	per  int // rows per full statement
	full *sql.Stmt
	args []any
}

func newBulkRows(tx *sql.Tx, ins rowInsert, per int) *bulkRows {
	return &bulkRows{tx: tx, ins: ins, per: min(per, maxParams/ins.cols)}
}

func (b *bulkRows) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) < b.per*b.ins.cols {
		return nil
	}
	if b.full == nil {
		var err error
		if b.full, err = b.tx.PrepareContext(ctx, b.ins.sql(b.per)); err != nil {
			return err
		}
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	if err != nil {
		return fmt.Errorf("%s…: %w", b.ins.head, err)
	}
	return nil
}

// flush writes the rows gathered and closes the statement.
func (b *bulkRows) flush(ctx context.Context) error {
	if b.full != nil {
		b.full.Close()
		b.full = nil
	}
	n := len(b.args) / b.ins.cols
	if n == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.ins.sql(n), b.args...)
	b.args = b.args[:0]
	if err != nil {
		return fmt.Errorf("%s…: %w", b.ins.head, err)
	}
	return nil
}
