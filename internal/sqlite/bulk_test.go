package sqlite

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/storetest"
)

// TestCreateAllStoresWhatSavesStore fills one store through saves and one
// through a bulk load, with statements of a few rows so a small load runs
// every path a large one does, and compares every table row by row —
// documents, projections, history, summaries and search keys, full-text
// content, data version — and the schema, whose indexes a load on an
// empty store drops and builds again. Only the full-text index's own
// segments may differ in layout; FTS5's integrity check and the reads
// (storetest.SameReads) show they index the same.
func TestCreateAllStoresWhatSavesStore(t *testing.T) {
	for _, c := range []struct {
		name   string
		before int
		reader bool // another connection reads: the load keeps the log
	}{{"empty", 0, false}, {"filled", 60, false}, {"empty while read", 0, true}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a, b := open(t), open(t)
			b.bulkSizes = bulkSizes{rows: 7, fts: 25}
			if c.reader {
				if _, err := b.List(t.Context(), hindsight.ListFilter{}); err != nil {
					t.Fatal(err)
				}
			}
			storetest.LoadPair(t, a, b, c.before, 180, 40)
			if x, y := dump(t, a.write), dump(t, b.write); x != y {
				t.Fatalf("tables differ:\n%s", storetest.FirstDifference(x, y))
			}
			if _, err := b.write.Exec(`INSERT INTO postmortem_fts (postmortem_fts) VALUES ('integrity-check')`); err != nil {
				t.Fatalf("full-text index: %v", err)
			}
			for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "cache_size": fmt.Sprint(-writerCacheKiB), "threads": "0"} {
				var got string
				if err := b.write.QueryRow(`PRAGMA ` + pragma).Scan(&got); err != nil || got != want {
					t.Errorf("after a load %s = %q, want %q (%v)", pragma, got, want, err)
				}
			}
			storetest.SameReads(t, a, b)
		})
	}
}

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// unlike are the tables that may differ: the full-text index's own, laid
// out by how its entries came in, and when each migration ran.
var unlike = []string{"postmortem_fts_data", "postmortem_fts_idx", "postmortem_fts_config", "schema_migrations"}

// dump is the schema and every table's rows, in order.
func dump(t *testing.T, db *sql.DB) string {
	t.Helper()
	var out strings.Builder
	rows(t, db, &out, `SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name`)
	var tables []string
	r, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
		var name string
		r.Scan(&name)
		if !slices.Contains(unlike, name) {
			tables = append(tables, name)
		}
	}
	r.Close()
	for _, table := range tables {
		fmt.Fprintf(&out, "== %s\n", table)
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM pragma_table_info(?)`, table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		order := make([]string, n)
		for i := range order {
			order[i] = fmt.Sprint(i + 1)
		}
		rows(t, db, &out, `SELECT * FROM "`+table+`" ORDER BY `+strings.Join(order, ", "))
	}
	return out.String()
}

func rows(t *testing.T, db *sql.DB, out *strings.Builder, q string) {
	t.Helper()
	r, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer r.Close()
	cols, _ := r.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for r.Next() {
		if err := r.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fmt.Fprintf(out, "%v\t", v)
		}
		out.WriteString("\n")
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
