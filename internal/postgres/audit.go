package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

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
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, actor, action, target, detail, client_ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			e.ID, e.At, e.ActorID, e.Actor, e.Action, e.Target, e.Detail, e.ClientIP); err != nil {
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
	w := &where{}
	if a, ok := strings.CutSuffix(f.Action, "."); ok {
		w.add(`action LIKE ` + w.arg(storedoc.LikePrefix(a+".")) + ` ESCAPE '\'`)
	} else if f.Action != "" {
		w.add("action = " + w.arg(f.Action))
	}
	if f.Actor != "" {
		a := w.arg(f.Actor)
		w.add("(lower(actor) = lower(" + a + ") OR lower(target) = lower(" + a + "))")
	}
	if f.From != nil {
		w.add("at >= " + w.arg(*f.From))
	}
	if f.To != nil {
		w.add("at < " + w.arg(*f.To))
	}
	if cur.ID != "" {
		w.add("(at, id) < (" + w.arg(time.UnixMicro(cur.SortAt).UTC()) + ", " + w.arg(cur.ID) + ")")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, actor_id, actor, action, target, detail, client_ip FROM audit_log
		WHERE `+w.sql()+` ORDER BY at DESC, id DESC LIMIT `+w.arg(limit+1), w.args...)
	if err != nil {
		return hindsight.AuditPage{}, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	page := hindsight.AuditPage{Items: []hindsight.AuditEvent{}}
	for rows.Next() {
		var e hindsight.AuditEvent
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Target, &e.Detail, &e.ClientIP); err != nil {
			return page, err
		}
		e.At = e.At.UTC()
		page.Items = append(page.Items, e)
	}
	return storedoc.AuditPageOf(page, limit), rows.Err()
}
