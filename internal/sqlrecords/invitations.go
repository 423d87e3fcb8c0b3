package sqlrecords

import (
	"context"
	"database/sql"
	"fmt"

	"hindsight"
)

// SaveInvitationsTx replaces a meeting's invitations in tx.
func (r *Records) SaveInvitationsTx(ctx context.Context, tx *sql.Tx, postmortemID string, invs []hindsight.Invitation) error {
	if _, err := tx.ExecContext(ctx, r.q(`DELETE FROM meeting_invitations WHERE postmortem_id = ?`), postmortemID); err != nil {
		return fmt.Errorf("replace invitations: %w", err)
	}
	for _, x := range invs {
		if _, err := tx.ExecContext(ctx, r.q(`INSERT INTO meeting_invitations (postmortem_id, email, name, invited_at, invited_by) VALUES (?, ?, ?, ?, ?)`),
			postmortemID, x.Email, x.Name, r.t(x.At), x.By); err != nil {
			return fmt.Errorf("invite %s: %w", x.Email, err)
		}
	}
	return nil
}

// Invitations reads a meeting's invitations by address.
func (r *Records) Invitations(ctx context.Context, postmortemID string) ([]hindsight.Invitation, error) {
	rows, err := r.read.QueryContext(ctx, r.q(`SELECT email, name, invited_at, invited_by FROM meeting_invitations WHERE postmortem_id = ? ORDER BY email`), postmortemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hindsight.Invitation{}
	for rows.Next() {
		var x hindsight.Invitation
		if err := rows.Scan(&x.Email, &x.Name, at(&x.At), &x.By); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
