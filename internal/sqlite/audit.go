package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// AppendAudit writes one audit event on its own.
func (s *Store) AppendAudit(ctx context.Context, e hindsight.AuditEvent) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return appendAudit(ctx, tx, []hindsight.AuditEvent{e}) })
}

// appendAudit writes audit events in the transaction of the change they
// record.
func appendAudit(ctx context.Context, tx *sql.Tx, events []hindsight.AuditEvent) error {
	for _, e := range events {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, actor, action, target, detail, client_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, micros(e.At), e.ActorID, e.Actor, e.Action, e.Target, e.Detail, e.ClientIP); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	return nil
}

// ListAudit reads a page of the audit log, newest first.
func (s *Store) ListAudit(ctx context.Context, f hindsight.AuditFilter) (hindsight.AuditPage, error) {
	limit, cur, err := storedoc.AuditPaging(f)
	if err != nil {
		return hindsight.AuditPage{}, err
	}
	where := []string{"1"}
	var args []any
	if a, ok := strings.CutSuffix(f.Action, "."); ok {
		where, args = append(where, "action LIKE ? ESCAPE '\\'"), append(args, storedoc.LikePrefix(a+"."))
	} else if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.Actor != "" {
		where, args = append(where, "(actor = ? COLLATE NOCASE OR target = ? COLLATE NOCASE)"), append(args, f.Actor, f.Actor)
	}
	if f.From != nil {
		where, args = append(where, "at >= ?"), append(args, micros(*f.From))
	}
	if f.To != nil {
		where, args = append(where, "at < ?"), append(args, micros(*f.To))
	}
	if cur.ID != "" {
		where, args = append(where, "(at, id) < (?, ?)"), append(args, cur.SortAt, cur.ID)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, at, actor_id, actor, action, target, detail, client_ip FROM audit_log
		WHERE `+strings.Join(where, " AND ")+` ORDER BY at DESC, id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return hindsight.AuditPage{}, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	page := hindsight.AuditPage{Items: []hindsight.AuditEvent{}}
	for rows.Next() {
		var e hindsight.AuditEvent
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Actor, &e.Action, &e.Target, &e.Detail, &e.ClientIP); err != nil {
			return page, err
		}
		e.At = fromMicros(at)
		page.Items = append(page.Items, e)
	}
	return storedoc.AuditPageOf(page, limit), rows.Err()
}
