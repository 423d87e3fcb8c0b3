package sqlrecords

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hindsight"
)

// Setting reads an instance setting; "" when it was never set.
func (r *Records) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := r.read.QueryRowContext(ctx, r.q(`SELECT value FROM instance_settings WHERE key = ?`), key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting changes an instance setting, audited in the same
// transaction.
func (r *Records) SetSetting(ctx context.Context, key, value string, audit ...hindsight.AuditEvent) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, r.q(`INSERT INTO instance_settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`), key, value); err != nil {
			return fmt.Errorf("save setting %s: %w", key, err)
		}
		return r.appendAudit(ctx, tx, audit)
	})
}
