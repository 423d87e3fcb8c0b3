package sqlrecords

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hindsight"
)

const publicColumns = `s.postmortem_id, s.public_id, s.title, s.customer_impact, s.timeline, s.actions, s.published_at, s.updated_at, s.updated_by`

func scanPublic(row scanner) (*hindsight.PublicSummary, error) {
	var p hindsight.PublicSummary
	err := row.Scan(&p.PostMortemID, &p.PublicID, &p.Title, &p.CustomerImpact, &p.Timeline, &p.Actions, timeCol{&p.PublishedAt}, at(&p.UpdatedAt), &p.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("public summary: %w", hindsight.ErrNotFound)
	}
	return &p, err
}

// PublicSummary reads a post-mortem's public summary, published or not.
func (r *Records) PublicSummary(ctx context.Context, postmortemID string) (*hindsight.PublicSummary, error) {
	return scanPublic(r.read.QueryRowContext(ctx, r.q(`SELECT `+publicColumns+` FROM public_summaries s WHERE s.postmortem_id = ?`), postmortemID))
}

// SavePublicSummary writes a public summary, keeping its public id.
func (r *Records) SavePublicSummary(ctx context.Context, p hindsight.PublicSummary) error {
	_, err := r.write.ExecContext(ctx, r.q(`INSERT INTO public_summaries (postmortem_id, public_id, title, customer_impact, timeline, actions, published_at, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (postmortem_id) DO UPDATE SET title = excluded.title, customer_impact = excluded.customer_impact,
		timeline = excluded.timeline, actions = excluded.actions, published_at = excluded.published_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
		p.PostMortemID, p.PublicID, p.Title, p.CustomerImpact, p.Timeline, p.Actions, r.tp(p.PublishedAt), r.t(p.UpdatedAt), p.UpdatedBy)
	if err != nil {
		return fmt.Errorf("save public summary: %w", err)
	}
	return nil
}

// publicOnly keeps the summaries that are published, of post-mortems
// that exist and are not restricted: restricting a post-mortem takes its
// public summary down at once.
const publicOnly = ` FROM public_summaries s JOIN postmortems m ON m.id = s.postmortem_id WHERE s.published_at IS NOT NULL AND m.restricted = ?`

// PublishedPublicSummary reads a published public summary by its public
// id.
func (r *Records) PublishedPublicSummary(ctx context.Context, publicID string) (*hindsight.PublicSummary, error) {
	return scanPublic(r.read.QueryRowContext(ctx, r.q(`SELECT `+publicColumns+publicOnly+` AND s.public_id = ?`), false, publicID))
}

// PublishedPublicSummaries lists the newest published public summaries.
func (r *Records) PublishedPublicSummaries(ctx context.Context, limit int) ([]hindsight.PublicSummary, error) {
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT `+publicColumns+publicOnly+` ORDER BY s.published_at DESC, s.public_id LIMIT ?`), false, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.PublicSummary{}
	for rows.Next() {
		p, err := scanPublic(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}
