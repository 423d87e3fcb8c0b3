// Package dbcopy moves a whole Hindsight database from SQLite to
// PostgreSQL, for an organisation that outgrows one machine. Post-mortems
// go through the PostgreSQL store's own writing code, so every projection
// it keeps (tags, countermeasures, readers, the search index, names) is
// built as a save builds it; every other table — accounts, tokens,
// sessions, history, the trash, attachments, the audit log — is copied
// row by row with each value converted to the column's type. Verify then
// compares both sides: row counts of every table they share, and
// checksums of the documents and the copied rows.
//
// It works below hindsight.Service on purpose: a move keeps every id,
// version, time and author exactly, which no ordinary write may.
package dbcopy

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/sqlite"
	"hindsight/internal/storedoc"
)

// batch is how many post-mortems go into one transaction.
const batch = 500

// skipped are tables no copy needs: the engines' own bookkeeping and
// search indexes, the version counters, and the job queue's state.
func skipped(table string) bool {
	return table == "schema_migrations" || table == "data_version" || table == "identity_version" || table == "reads_version" || strings.HasPrefix(table, "postmortem_fts") || table == "postmortem_search" ||
		strings.HasPrefix(table, "river_") || strings.HasPrefix(table, "sqlite_")
}

// Copy moves everything from src to dst, which must hold no post-mortems
// and no accounts. It reports progress to w.
func Copy(ctx context.Context, src *sqlite.Store, dst *postgres.Store, w io.Writer) error {
	if err := requireEmpty(ctx, dst.DB()); err != nil {
		return err
	}
	n, err := copyPostMortems(ctx, src.ReadDB(), dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "postmortems: %d\n", n)
	tables, err := sharedTables(ctx, src.ReadDB(), dst.DB())
	if err != nil {
		return err
	}
	order, err := fkOrder(ctx, dst.DB(), tables)
	if err != nil {
		return err
	}
	for _, t := range order {
		filled, err := count(ctx, dst.DB(), t)
		if err != nil {
			return err
		}
		if filled > 0 {
			// Written with the post-mortems: a projection of them.
			fmt.Fprintf(w, "%s: %d (built with the post-mortems)\n", t, filled)
			continue
		}
		n, err := copyTable(ctx, src.ReadDB(), dst.DB(), t)
		if err != nil {
			return fmt.Errorf("copy %s: %w", t, err)
		}
		fmt.Fprintf(w, "%s: %d\n", t, n)
	}
	return nil
}

// requireEmpty refuses a target that already holds post-mortems or
// accounts: a move never merges.
func requireEmpty(ctx context.Context, db *sql.DB) error {
	for _, t := range []string{"postmortems", "users", "trash"} {
		n, err := count(ctx, db, t)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the target database is not empty: %s has %d rows; move into a new database", t, n)
		}
	}
	return nil
}

// copyPostMortems reads every document from src and stores it exactly in
// dst, in batches.
func copyPostMortems(ctx context.Context, src *sql.DB, dst *postgres.Store) (int, error) {
	rows, err := src.QueryContext(ctx, `SELECT doc FROM postmortems ORDER BY id`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	total := 0
	var ps []*hindsight.PostMortem
	flush := func() error {
		if len(ps) == 0 {
			return nil
		}
		err := dst.PutExact(ctx, ps)
		total += len(ps)
		ps = ps[:0]
		return err
	}
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return total, err
		}
		p, err := storedoc.Decode(doc)
		if err != nil {
			return total, err
		}
		if ps = append(ps, p); len(ps) == batch {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return total, err
	}
	return total, flush()
}

// sharedTables are the tables both databases have, less the skipped ones
// and the post-mortems (moved whole, above).
func sharedTables(ctx context.Context, src, dst *sql.DB) ([]string, error) {
	have, err := column(ctx, src, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return nil, err
	}
	want, err := column(ctx, dst, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range want {
		if slices.Contains(have, t) && !skipped(t) && t != "postmortems" {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out, nil
}

// fkOrder sorts tables so each comes after the tables its foreign keys
// point at.
func fkOrder(ctx context.Context, db *sql.DB, tables []string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT cl.relname, ref.relname FROM pg_constraint c
		JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class ref ON ref.oid = c.confrelid
		WHERE c.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	deps := map[string][]string{}
	for rows.Next() {
		var t, ref string
		if err := rows.Scan(&t, &ref); err != nil {
			return nil, err
		}
		deps[t] = append(deps[t], ref)
	}
	var out []string
	seen := map[string]bool{}
	var visit func(string)
	visit = func(t string) {
		if seen[t] {
			return
		}
		seen[t] = true
		for _, d := range deps[t] {
			if slices.Contains(tables, d) {
				visit(d)
			}
		}
		out = append(out, t)
	}
	for _, t := range tables {
		visit(t)
	}
	return out, rows.Err()
}

func count(ctx context.Context, db *sql.DB, table string) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+quote(table)).Scan(&n)
	return n, err
}

func column(ctx context.Context, db *sql.DB, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// quote quotes an identifier read from the catalogue.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
