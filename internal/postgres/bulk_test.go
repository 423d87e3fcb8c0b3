package postgres_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"hindsight/internal/postgres"
	"hindsight/internal/storetest"
)

// TestCreateAllStoresWhatSavesStore fills one store through saves and one
// through a bulk load, in several batches so the search vectors of some
// are computed while others are copied, and compares every table row by
// row — documents, projections, history, summaries, search text and
// vectors, data version — and the schema: the indexes and foreign keys a
// load on an empty store drops and makes again, and the triggers it
// turns off while it runs.
func TestCreateAllStoresWhatSavesStore(t *testing.T) {
	for _, before := range []int{0, 60} {
		t.Run(fmt.Sprintf("after%d", before), func(t *testing.T) {
			t.Parallel()
			a, b := openFresh(t).(*postgres.Store), openFresh(t).(*postgres.Store)
			storetest.LoadPair(t, a, b, before, 180, 40)
			if x, y := dump(t, a.DB()), dump(t, b.DB()); x != y {
				t.Fatalf("tables differ:\n%s", storetest.FirstDifference(x, y))
			}
			storetest.SameReads(t, a, b)
		})
	}
}

// dump is the schema and every table's rows, in order (but when each
// migration ran).
func dump(t *testing.T, db *sql.DB) string {
	t.Helper()
	var out strings.Builder
	lines(t, db, &out, `SELECT tablename || ' ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
		UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
			WHERE connamespace = current_schema()::regnamespace
		UNION ALL SELECT tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
		ORDER BY 1`)
	var tables []string
	r, err := db.Query(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
		var name string
		r.Scan(&name)
		tables = append(tables, name)
	}
	r.Close()
	for _, table := range tables {
		fmt.Fprintf(&out, "== %s\n", table)
		lines(t, db, &out, `SELECT t::text FROM "`+table+`" t ORDER BY 1`)
	}
	return out.String()
}

func lines(t *testing.T, db *sql.DB, out *strings.Builder, q string) {
	t.Helper()
	r, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer r.Close()
	for r.Next() {
		var line string
		if err := r.Scan(&line); err != nil {
			t.Fatal(err)
		}
		out.WriteString(line + "\n")
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
