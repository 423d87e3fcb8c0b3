package dbcopy

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// col is a target column and the type its values must have.
type col struct {
	name, dataType, udt string
}

// columns lists a target table's columns in order.
func columns(ctx context.Context, db *sql.DB, table string) ([]col, error) {
	rows, err := db.QueryContext(ctx, `SELECT column_name, data_type, udt_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.name, &c.dataType, &c.udt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// convert turns a value as SQLite keeps it into the value the target
// column takes: SQLite keeps times as Unix microseconds, booleans as
// integers and lists as JSON text.
func convert(v any, c col) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch c.dataType {
	case "timestamp with time zone":
		us, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("%s: %T is not a time in microseconds", c.name, v)
		}
		return time.UnixMicro(us).UTC(), nil
	case "boolean":
		n, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("%s: %T is not a boolean", c.name, v)
		}
		return n != 0, nil
	case "bytea":
		if s, ok := v.(string); ok {
			return []byte(s), nil
		}
		return v, nil
	case "ARRAY":
		var list []string
		if err := json.Unmarshal([]byte(text(v)), &list); err != nil {
			return nil, fmt.Errorf("%s: %v", c.name, err)
		}
		if list == nil {
			list = []string{}
		}
		return list, nil
	case "text", "character varying", "jsonb", "json", "date":
		return text(v), nil
	case "integer", "bigint", "smallint", "double precision", "real", "numeric":
		return v, nil
	}
	return nil, fmt.Errorf("%s: no conversion to %s", c.name, c.dataType)
}

func text(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// copyTable copies every row of a table, converting each value, in
// multi-row inserts within one transaction.
func copyTable(ctx context.Context, src, dst *sql.DB, table string) (int, error) {
	cols, err := columns(ctx, dst, table)
	if err != nil {
		return 0, err
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = quote(c.name)
	}
	rows, err := src.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+quote(table))
	if err != nil {
		return 0, fmt.Errorf("read (the source lacks a column the target has?): %w", err)
	}
	defer rows.Close()
	tx, err := dst.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	per := max(1, min(500, 60000/len(cols)))
	var args []any
	n, pending := 0, 0
	flush := func() error {
		if pending == 0 {
			return nil
		}
		var vals []string
		for r := range pending {
			ph := make([]string, len(cols))
			for i := range cols {
				ph[i] = fmt.Sprintf("$%d", r*len(cols)+i+1)
			}
			vals = append(vals, "("+strings.Join(ph, ", ")+")")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO `+quote(table)+` (`+strings.Join(names, ", ")+`) VALUES `+strings.Join(vals, ", "), args...)
		args, pending = args[:0], 0
		return err
	}
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range cols {
			v, err := convert(raw[i], c)
			if err != nil {
				return n, err
			}
			args = append(args, v)
		}
		n, pending = n+1, pending+1
		if pending == per {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if err := flush(); err != nil {
		return n, err
	}
	return n, tx.Commit()
}
