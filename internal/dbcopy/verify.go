package dbcopy

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"hindsight/internal/postgres"
	"hindsight/internal/sqlite"
	"hindsight/internal/storedoc"
)

// Check is what Verify found of one table on both sides.
type Check struct {
	Table                string
	Source, Target       int64
	SourceSum, TargetSum string // empty for tables only counted
}

// OK reports whether both sides agree.
func (c Check) OK() bool { return c.Source == c.Target && c.SourceSum == c.TargetSum }

// Verify compares the databases after a copy: the row count of every table
// both have, a checksum of every post-mortem document (as Hindsight reads
// it, so JSON spacing and key order do not matter) and of every copied
// table's rows (as values, order aside).
func Verify(ctx context.Context, src *sqlite.Store, dst *postgres.Store) ([]Check, error) {
	s, d := src.ReadDB(), dst.DB()
	var out []Check
	pm := Check{Table: "postmortems"}
	var err error
	if pm.Source, pm.SourceSum, err = docSum(ctx, s); err != nil {
		return nil, err
	}
	if pm.Target, pm.TargetSum, err = docSum(ctx, d); err != nil {
		return nil, err
	}
	out = append(out, pm)
	tables, err := sharedTables(ctx, s, d)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		c := Check{Table: t}
		cols, err := columns(ctx, d, t)
		if err != nil {
			return nil, err
		}
		if c.Source, c.SourceSum, err = rowSum(ctx, s, t, cols, true); err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		if c.Target, c.TargetSum, err = rowSum(ctx, d, t, cols, false); err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// docSum counts the post-mortems and sums their documents as read back.
func docSum(ctx context.Context, db *sql.DB) (int64, string, error) {
	rows, err := db.QueryContext(ctx, `SELECT doc FROM postmortems`)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	var sums []string
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return 0, "", err
		}
		p, err := storedoc.Decode(doc)
		if err != nil {
			return 0, "", err
		}
		b, _ := json.Marshal(p)
		sums = append(sums, sum(b))
	}
	return int64(len(sums)), combine(sums), rows.Err()
}

// rowSum counts a table's rows and sums them as values: each row is
// written out in one canonical form — times as microseconds, lists and
// JSON re-encoded — whichever engine it came from.
func rowSum(ctx context.Context, db *sql.DB, table string, cols []col, fromSQLite bool) (int64, string, error) {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = quote(c.name)
		if !fromSQLite && c.dataType == "ARRAY" {
			names[i] = "array_to_json(" + quote(c.name) + ")"
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+quote(table))
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	var sums []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, "", err
		}
		var b strings.Builder
		for i, c := range cols {
			v := raw[i]
			if fromSQLite {
				if v, err = convert(v, c); err != nil {
					return 0, "", err
				}
			}
			b.WriteString(canonical(v, c))
			b.WriteByte(0)
		}
		sums = append(sums, sum([]byte(b.String())))
	}
	return int64(len(sums)), combine(sums), rows.Err()
}

// canonical writes a value the same way from either engine.
func canonical(v any, c col) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case time.Time:
		if c.dataType == "date" {
			return x.UTC().Format("2006-01-02")
		}
		return fmt.Sprint(x.UnixMicro())
	case []string:
		b, _ := json.Marshal(x)
		return string(b)
	case []byte:
		if c.dataType == "bytea" {
			return hex.EncodeToString(x)
		}
		return canonicalText(string(x), c)
	case string:
		return canonicalText(x, c)
	}
	return fmt.Sprint(v)
}

func canonicalText(s string, c col) string {
	if c.dataType == "jsonb" || c.dataType == "json" || c.dataType == "ARRAY" {
		var v any
		if json.Unmarshal([]byte(s), &v) == nil {
			b, _ := json.Marshal(v)
			return string(b)
		}
	}
	if c.dataType == "date" && len(s) >= 10 {
		return s[:10]
	}
	return s
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// combine sums a set of sums whatever their order.
func combine(sums []string) string {
	slices.Sort(sums)
	return sum([]byte(strings.Join(sums, "")))
}
