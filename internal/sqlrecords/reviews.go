package sqlrecords

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hindsight"
)

// AddReviewRequests records requests; one already made stays as it was.
func (r *Records) AddReviewRequests(ctx context.Context, rs []hindsight.ReviewRequest, also hindsight.TxHook) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		for _, x := range rs {
			if _, err := tx.ExecContext(ctx, r.q(`INSERT INTO review_requests (postmortem_id, reviewer_id, reviewer, requested_by_id, requested_by, at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (postmortem_id, reviewer_id) DO NOTHING`),
				x.PostMortemID, x.ReviewerID, x.Reviewer, x.RequestedByID, x.RequestedBy, r.t(x.At)); err != nil {
				return fmt.Errorf("request review: %w", err)
			}
		}
		return also.Run(ctx, tx)
	})
}

// AddReview records a verdict.
func (r *Records) AddReview(ctx context.Context, x hindsight.Review, also hindsight.TxHook) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, r.q(`INSERT INTO reviews (id, postmortem_id, version, reviewer_id, reviewer, verdict, note, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), x.ID, x.PostMortemID, x.Version, x.ReviewerID, x.Reviewer, x.Verdict, x.Note, r.t(x.At)); err != nil {
			return fmt.Errorf("add review: %w", err)
		}
		return also.Run(ctx, tx)
	})
}

// AddComment records a comment.
func (r *Records) AddComment(ctx context.Context, c hindsight.Comment, also hindsight.TxHook) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, r.q(`INSERT INTO comments (id, postmortem_id, parent_id, anchor, quote, body, author_id, author, version, at, mentions)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), c.ID, c.PostMortemID, c.ParentID, c.Anchor, c.Quote, c.Body, c.AuthorID, c.Author,
			c.Version, r.t(c.At), jsonList(c.Mentions)); err != nil {
			return fmt.Errorf("add comment: %w", err)
		}
		return also.Run(ctx, tx)
	})
}

// ResolveComment marks a comment resolved or open.
func (r *Records) ResolveComment(ctx context.Context, postmortemID, id string, at *time.Time, by string) error {
	if at == nil {
		by = ""
	}
	res, err := r.write.ExecContext(ctx, r.q(`UPDATE comments SET resolved_at = ?, resolved_by = ? WHERE postmortem_id = ? AND id = ?`),
		r.tp(at), by, postmortemID, id)
	return affected(res, err, "comment "+id)
}

// ReviewRecord reads a post-mortem's requests, reviews and comments,
// oldest first.
func (r *Records) ReviewRecord(ctx context.Context, postmortemID string) (hindsight.ReviewRecord, error) {
	var rec hindsight.ReviewRecord
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT reviewer_id, reviewer, requested_by_id, requested_by, at FROM review_requests
		WHERE postmortem_id = ? ORDER BY at, reviewer_id`), postmortemID)
	if err != nil {
		return rec, err
	}
	for rows.Next() {
		x := hindsight.ReviewRequest{PostMortemID: postmortemID}
		if err := rows.Scan(&x.ReviewerID, &x.Reviewer, &x.RequestedByID, &x.RequestedBy, at(&x.At)); err != nil {
			rows.Close()
			return rec, err
		}
		rec.Requests = append(rec.Requests, x)
	}
	rows.Close()
	if rows, err = r.read.QueryContext(ctx, r.q(`SELECT id, version, reviewer_id, reviewer, verdict, note, at FROM reviews
		WHERE postmortem_id = ? ORDER BY at, id`), postmortemID); err != nil {
		return rec, err
	}
	for rows.Next() {
		x := hindsight.Review{PostMortemID: postmortemID}
		if err := rows.Scan(&x.ID, &x.Version, &x.ReviewerID, &x.Reviewer, &x.Verdict, &x.Note, at(&x.At)); err != nil {
			rows.Close()
			return rec, err
		}
		rec.Reviews = append(rec.Reviews, x)
	}
	rows.Close()
	if rows, err = r.read.QueryContext(ctx, r.q(`SELECT id, parent_id, anchor, quote, body, author_id, author, version, at, mentions, resolved_at, resolved_by
		FROM comments WHERE postmortem_id = ? ORDER BY at, id`), postmortemID); err != nil {
		return rec, err
	}
	defer rows.Close()
	for rows.Next() {
		c := hindsight.Comment{PostMortemID: postmortemID}
		var mentions string
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Anchor, &c.Quote, &c.Body, &c.AuthorID, &c.Author, &c.Version, at(&c.At), &mentions,
			timeCol{&c.ResolvedAt}, &c.ResolvedBy); err != nil {
			return rec, err
		}
		if c.Mentions, err = fromJSONList[string](mentions); err != nil {
			return rec, err
		}
		rec.Comments = append(rec.Comments, c)
	}
	return rec, rows.Err()
}

// Publication reads a post-mortem's publishing record.
func (r *Records) Publication(ctx context.Context, postmortemID string) (*hindsight.Publication, error) {
	p := hindsight.Publication{PostMortemID: postmortemID}
	err := r.read.QueryRowContext(ctx, r.q(`SELECT first_published_at, published_at, version, published_by FROM publications WHERE postmortem_id = ?`),
		postmortemID).Scan(at(&p.FirstPublishedAt), at(&p.PublishedAt), &p.Version, &p.By)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("publication of %s: %w", postmortemID, hindsight.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// SavePublicationTx records a publishing, keeping the first time.
func (r *Records) SavePublicationTx(ctx context.Context, tx *sql.Tx, p hindsight.Publication) error {
	_, err := tx.ExecContext(ctx, r.q(`INSERT INTO publications (postmortem_id, first_published_at, published_at, version, published_by)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (postmortem_id) DO UPDATE SET
		published_at = excluded.published_at, version = excluded.version, published_by = excluded.published_by`),
		p.PostMortemID, r.t(p.FirstPublishedAt), r.t(p.PublishedAt), p.Version, p.By)
	if err != nil {
		return fmt.Errorf("record publication: %w", err)
	}
	return nil
}
