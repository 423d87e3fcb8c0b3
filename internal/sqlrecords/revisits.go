package sqlrecords

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hindsight"
)

// AddRevisit records a revisit.
func (r *Records) AddRevisit(ctx context.Context, x hindsight.Revisit, also hindsight.TxHook) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		a := x.Answer
		if _, err := tx.ExecContext(ctx, r.q(`INSERT INTO revisits (id, postmortem_id, seq, due, by_id, by_name, at,
			countermeasures_done, still_effective, recurred, learned, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			x.ID, x.PostMortemID, x.Seq, dateText(x.Due), x.ByID, x.By, r.t(x.At), a.CountermeasuresDone, a.StillEffective, a.Recurred, a.Learned, a.Notes); err != nil {
			return fmt.Errorf("add revisit: %w", err)
		}
		return also.Run(ctx, tx)
	})
}

// dateText is a date as kept: "" for none.
func dateText(d hindsight.Date) string {
	if d == (hindsight.Date{}) {
		return ""
	}
	return d.String()
}

// Revisits reads a post-mortem's revisits in the order they were made.
func (r *Records) Revisits(ctx context.Context, postmortemID string) ([]hindsight.Revisit, error) {
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT id, seq, due, by_id, by_name, at, countermeasures_done, still_effective, recurred, learned, notes
		FROM revisits WHERE postmortem_id = ? ORDER BY at, id`), postmortemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.Revisit{}
	for rows.Next() {
		x := hindsight.Revisit{PostMortemID: postmortemID}
		var due string
		a := &x.Answer
		if err := rows.Scan(&x.ID, &x.Seq, &due, &x.ByID, &x.By, at(&x.At), &a.CountermeasuresDone, &a.StillEffective, &a.Recurred, &a.Learned, &a.Notes); err != nil {
			return nil, err
		}
		if due != "" {
			if x.Due, err = hindsight.ParseDate(due); err != nil {
				return nil, err
			}
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// RevisitCandidates lists the post-mortems published now and first
// published by the time, with how many revisits each has.
//
// The publications drive the join (CROSS JOIN fixes SQLite's order): there
// are at most as many as published post-mortems, where starting from the
// post-mortems' status would visit every published one's row.
func (r *Records) RevisitCandidates(ctx context.Context, publishedBy time.Time) ([]hindsight.RevisitCandidate, error) {
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT p.postmortem_id, m.title, m.severity, m.team, m.restricted, p.first_published_at,
		(SELECT COUNT(*) FROM revisits v WHERE v.postmortem_id = p.postmortem_id)
		FROM publications p CROSS JOIN postmortems m
		WHERE m.id = p.postmortem_id AND m.status = 'published' AND p.first_published_at <= ? ORDER BY p.first_published_at, p.postmortem_id`), r.t(publishedBy))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.RevisitCandidate{}
	for rows.Next() {
		var c hindsight.RevisitCandidate
		if err := rows.Scan(&c.PostMortemID, &c.Title, &c.Severity, &c.Team, &c.Restricted, at(&c.FirstPublishedAt), &c.Recorded); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// OnThisDay lists incidents that started on the day's month and day in
// an earlier year, through the month-and-day index of each engine.
func (r *Records) OnThisDay(ctx context.Context, day hindsight.Date, limit int) ([]hindsight.PastIncident, error) {
	monthDay := `CAST(strftime('%m%d', started_at / 1000000, 'unixepoch') AS INTEGER)`
	if r.d == Postgres {
		monthDay = `(EXTRACT(MONTH FROM started_at AT TIME ZONE 'UTC') * 100 + EXTRACT(DAY FROM started_at AT TIME ZONE 'UTC'))`
	}
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT id, title, severity, started_at, restricted FROM postmortems
		WHERE `+monthDay+` = ? AND started_at < ? ORDER BY started_at DESC, id LIMIT ?`),
		int(day.Month)*100+day.Day, r.t(time.Date(day.Year, 1, 1, 0, 0, 0, 0, time.UTC)), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.PastIncident{}
	for rows.Next() {
		var p hindsight.PastIncident
		if err := rows.Scan(&p.PostMortemID, &p.Title, &p.Severity, at(&p.StartedAt), &p.Restricted); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
