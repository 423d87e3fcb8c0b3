package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"hindsight"
	"hindsight/internal/storedoc"
)

// writeSearch writes p's list summary and its search entry (vectors and
// the text snippets are cut from) in tx.
func writeSearch(ctx context.Context, tx *sql.Tx, p *hindsight.PostMortem) error {
	summary, err := storedoc.EncodeSummary(p)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO postmortem_summaries (postmortem_id, summary) VALUES ($1, $2)
		ON CONFLICT (postmortem_id) DO UPDATE SET summary = EXCLUDED.summary`, p.ID, string(summary)); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	text := storedoc.TextOf(p)
	if _, err := tx.ExecContext(ctx, `INSERT INTO postmortem_search (postmortem_id, sort_at, rank_vec, search, text_title, text_summary, text_body, title_vec, head_vec)
		SELECT id, sort_at, r, `+searchVector+`, title, summary, body, `+titleVector+`, `+headVector+`
		FROM (VALUES ($1, $2::timestamptz, $3, $4, $5)) AS t (id, sort_at, title, summary, body), LATERAL (SELECT `+rankVector+` AS r) v
		ON CONFLICT (postmortem_id) DO UPDATE SET sort_at = EXCLUDED.sort_at, rank_vec = EXCLUDED.rank_vec, search = EXCLUDED.search,
			text_title = EXCLUDED.text_title, text_summary = EXCLUDED.text_summary, text_body = EXCLUDED.text_body,
			title_vec = EXCLUDED.title_vec, head_vec = EXCLUDED.head_vec`,
		p.ID, sortAt(p), text.Title, text.Summary, text.Body); err != nil {
		return fmt.Errorf("index post-mortem: %w", err)
	}
	return nil
}

// The search entry's vectors, computed from its text's title, summary
// and body (the rank vector as r): saves and bulk loads compute them with
// these same expressions.
const (
	rankVector   = `setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')`
	searchVector = `r || setweight(to_tsvector('english', body), 'C')`
	titleVector  = `to_tsvector('english', title)`
	headVector   = `to_tsvector('english', title || ' ' || summary)`
)

// backfillSearch gives post-mortems stored before migration 0021 their
// summary and searchable text. Writes are idempotent, so instances
// starting together may both run it.
func backfillSearch(ctx context.Context, db *sql.DB) error {
	return storedoc.Backfill(ctx, db, `SELECT doc FROM postmortems p
		WHERE NOT EXISTS (SELECT 1 FROM postmortem_summaries m WHERE m.postmortem_id = p.id)
		   OR NOT EXISTS (SELECT 1 FROM postmortem_search s WHERE s.postmortem_id = p.id AND s.text_title IS NOT NULL)
		LIMIT $1`, func(tx *sql.Tx, ps []*hindsight.PostMortem) error {
		for _, p := range ps {
			if err := writeSearch(ctx, tx, p); err != nil {
				return fmt.Errorf("backfill %s: %w", p.ID, err)
			}
		}
		return nil
	})
}
