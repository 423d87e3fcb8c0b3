package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"sync"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"

	"hindsight/internal/storedoc"
)

// loadBatch is a batch of a bulk load with the search vectors of each of
// its post-mortems.
type loadBatch struct {
	encoded []storedoc.Encoded
	vectors []searchVectors
}

// searchVectors are a search entry's vectors.
type searchVectors struct {
	rank, search, title, head pgtype.TSVector
}

// vectorized computes the search vectors of every batch on the helper
// connections, one batch on each at a time, and yields the batches in
// order. Stopping the iteration early stops the work.
func vectorized(ctx context.Context, helpers []*sql.Conn, batches iter.Seq2[[]storedoc.Encoded, error]) iter.Seq2[loadBatch, error] {
	type pending struct {
		batch loadBatch
		done  chan error
	}
	return func(yield func(loadBatch, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		queue := make(chan *pending, len(helpers))
		free := make(chan *sql.Conn, len(helpers))
		for _, c := range helpers {
			free <- c
		}
		var work sync.WaitGroup
		go func() {
			defer close(queue)
			for batch, err := range batches {
				p := &pending{batch: loadBatch{encoded: batch}, done: make(chan error, 1)}
				var c *sql.Conn
				if err != nil {
					p.done <- err
				} else {
					select {
					case c = <-free:
					case <-ctx.Done():
						return
					}
					work.Go(func() {
						var err error
						p.batch.vectors, err = vectorsOf(ctx, c, batch)
						free <- c
						p.done <- err
					})
				}
				select {
				case queue <- p:
				case <-ctx.Done():
					return
				}
				if err != nil {
					return
				}
			}
		}()
		defer func() {
			cancel()
			for range queue { // let the goroutine end
			}
			work.Wait()
		}()
		for p := range queue {
			err := <-p.done
			if !yield(p.batch, err) || err != nil {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(loadBatch{}, err)
		}
	}
}

// vectorsOf computes the search vectors of a batch on conn, with the
// expressions a save uses.
func vectorsOf(ctx context.Context, conn *sql.Conn, batch []storedoc.Encoded) ([]searchVectors, error) {
	titles, summaries, bodies := make([]string, len(batch)), make([]string, len(batch)), make([]string, len(batch))
	for i, e := range batch {
		titles[i], summaries[i], bodies[i] = e.Text.Title, e.Text.Summary, e.Text.Body
	}
	out := make([]searchVectors, 0, len(batch))
	err := conn.Raw(func(dc any) error {
		rows, err := dc.(*stdlib.Conn).Conn().Query(ctx, `SELECT r, `+searchVector+`, `+titleVector+`, `+headVector+`
			FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t (title, summary, body, n),
				LATERAL (SELECT `+rankVector+` AS r) v
			ORDER BY n`, titles, summaries, bodies)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v searchVectors
			if err := rows.Scan(&v.rank, &v.search, &v.title, &v.head); err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	if err == nil && len(out) != len(batch) {
		err = fmt.Errorf("%d search vectors for %d post-mortems", len(out), len(batch))
	}
	if err != nil {
		return nil, fmt.Errorf("index post-mortems: %w", err)
	}
	return out, nil
}
