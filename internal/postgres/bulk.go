package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"hindsight"
	"hindsight/internal/storedoc"
)

// vectorConns is how many connections compute a bulk load's search
// vectors beside the one that writes: computing them is most of
// PostgreSQL's work in a load, and on connections of their own it runs on
// other cores.
const vectorConns = 2

// CreateAll stores the post-mortems of every batch, each as CreateMany
// stores it, in one transaction, the way PostgreSQL loads fastest: the
// rows are copied in (COPY), their search vectors computed on other
// connections meanwhile (see vectorized), and the triggers' checks made
// once over the whole load; when the store holds no post-mortem yet, the
// secondary indexes and the foreign keys of the tables it fills are
// dropped and made again once the rows are in (see deferred). Encoding
// runs beside the writes, in a goroutine of its own (storedoc.Encoding).
func (s *Store) CreateAll(ctx context.Context, batches iter.Seq2[[]*hindsight.PostMortem, error]) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	helpers := make([]*sql.Conn, vectorConns)
	for i := range helpers {
		if helpers[i], err = s.db.Conn(ctx); err != nil {
			return err
		}
		defer helpers[i].Close()
	}
	return conn.Raw(func(dc any) error {
		return pgx.BeginFunc(ctx, dc.(*stdlib.Conn).Conn(), func(tx pgx.Tx) error {
			return load(ctx, tx, vectorized(ctx, helpers, storedoc.Encoding(ctx, batches)))
		})
	})
}

// load writes every batch in tx.
func load(ctx context.Context, tx pgx.Tx, batches iter.Seq2[loadBatch, error]) error {
	var stored bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM postmortems)`).Scan(&stored); err != nil {
		return err
	}
	var remake []string
	if !stored {
		var err error
		if remake, err = deferred(ctx, tx); err != nil {
			return err
		}
	}
	if err := loadSettings(ctx, tx); err != nil {
		return err
	}
	people := newPeople()
	n := 0
	for b, err := range batches {
		if err != nil {
			return err
		}
		if err := copyBatch(ctx, tx, b, people); err != nil {
			return err
		}
		n += len(b.encoded)
	}
	if err := people.write(ctx, tx); err != nil {
		return err
	}
	var taken string
	err := tx.QueryRow(ctx, `SELECT p.id FROM postmortems p JOIN trash t ON t.id = p.id LIMIT 1`).Scan(&taken)
	if err == nil {
		return hindsight.Invalid("id", "%q is already taken by another post-mortem", taken)
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	for _, q := range append([]string{
		`ALTER TABLE postmortems ENABLE TRIGGER postmortems_id_not_in_trash`,
		`ALTER TABLE postmortems ENABLE TRIGGER postmortems_changed`,
		fmt.Sprintf(`UPDATE data_version SET n = n + %d`, n),
	}, remake...) {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("after the load: %w", err)
		}
	}
	if !stored {
		// The planner's statistics describe the tables as they were;
		// searches choose their plan from them (see tierConditions).
		_, err := tx.Exec(ctx, `ANALYZE postmortems, postmortem_search, postmortem_tags, countermeasures, postmortem_people`)
		return err
	}
	return nil
}

// loadSettings sets up the load's transaction: the triggers on
// postmortems that load replaces with a statement each (the trash check
// and the data version's bump) are off, index builds get more memory, and
// long values are compressed with LZ4 where the server has it (as fast
// to read as PostgreSQL's own compression and many times faster to
// write).
func loadSettings(ctx context.Context, tx pgx.Tx) error {
	var lz4 bool
	if err := tx.QueryRow(ctx, `SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'`).Scan(&lz4); err != nil {
		return err
	}
	qs := []string{`SET LOCAL maintenance_work_mem = '256MB'`,
		`ALTER TABLE postmortems DISABLE TRIGGER postmortems_id_not_in_trash`,
		`ALTER TABLE postmortems DISABLE TRIGGER postmortems_changed`}
	if lz4 {
		qs = append(qs, `SET LOCAL default_toast_compression = 'lz4'`)
	}
	for _, q := range qs {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// loadedTables are the tables a load fills.
var loadedTables = []string{"postmortems", "postmortem_search", "postmortem_summaries", "postmortem_tags",
	"postmortem_readers", "countermeasures", "postmortem_people", "postmortem_versions"}

// deferred drops the secondary indexes and the foreign keys of the tables
// a load fills and returns the statements that make them again: building
// an index from all the rows once costs a fraction of inserting each row
// into it, and checking a foreign key over a whole table is one join,
// where row by row it is a lookup and a lock on the post-mortem's row.
// Unique indexes stay, as they check the rows as they come.
func deferred(ctx context.Context, tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(ctx, `
		SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
		FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
		WHERE t.relname = ANY ($1) AND t.relnamespace = current_schema()::regnamespace AND NOT i.indisunique
		UNION ALL
		SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
			format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
		WHERE c.contype = 'f' AND t.relname = ANY ($1) AND t.relnamespace = current_schema()::regnamespace`, loadedTables)
	if err != nil {
		return nil, err
	}
	drop, remake, err := storedoc.ReadStringPairs(rows)
	rows.Close()
	if err != nil {
		return nil, err
	}
	for _, q := range drop {
		if _, err := tx.Exec(ctx, q); err != nil {
			return nil, err
		}
	}
	return remake, nil
}

// copyBatch copies one batch's rows into every table.
func copyBatch(ctx context.Context, tx pgx.Tx, b loadBatch, people *peopleSeen) error {
	r := rowsOf(b, people)
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"postmortems", []string{"id", "version", "title", "status", "severity", "team", "started_at", "detected_at", "ended_at",
			"meeting_at", "sort_at", "created_at", "updated_at", "updated_by", "doc", "author_id", "restricted"}, r.docs},
		{"postmortem_versions", []string{"postmortem_id", "version", "saved_at", "saved_by", "saved_by_id", "changes", "note"}, r.versions},
		{"postmortem_summaries", []string{"postmortem_id", "summary"}, r.summaries},
		{"postmortem_search", []string{"postmortem_id", "sort_at", "rank_vec", "search", "text_title", "text_summary", "text_body",
			"title_vec", "head_vec"}, r.search},
		{"postmortem_tags", []string{"postmortem_id", "tag"}, r.tags},
		{"postmortem_readers", []string{"postmortem_id", "reader"}, r.readers},
		{"countermeasures", []string{"postmortem_id", "id", "position", "kind", "priority", "owner", "due", "status",
			"done_at", "verified_at", "doc"}, r.countermeasures},
		{"postmortem_people", []string{"postmortem_id", "key"}, r.people},
	} {
		if len(t.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.table}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			var pgErr *pgconn.PgError
			if t.table == "postmortems" && errors.As(err, &pgErr) && pgErr.Code == "23505" {
				return hindsight.Invalid("id", "an id is already taken by another post-mortem: %s", pgErr.Detail)
			}
			return fmt.Errorf("copy %s: %w", t.table, err)
		}
	}
	tl := sqlTx{tx}
	for _, e := range b.encoded {
		if err := writeLinks(ctx, tl, e.PostMortem); err != nil {
			return err
		}
	}
	return nil
}

// sqlTx runs database/sql-style statements on a pgx transaction, for the
// writes a bulk load shares with saves.
type sqlTx struct{ pgx.Tx }

func (t sqlTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	_, err := t.Exec(ctx, query, args...)
	return nil, err
}
