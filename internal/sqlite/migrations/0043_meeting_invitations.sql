-- Who was invited to a post-mortem's meeting, and when: one row per
-- address, replaced when the meeting is scheduled again.
CREATE TABLE meeting_invitations (
	postmortem_id TEXT NOT NULL,
	email         TEXT NOT NULL,
	name          TEXT NOT NULL,
	invited_at    INTEGER NOT NULL,
	invited_by    TEXT NOT NULL,
	PRIMARY KEY (postmortem_id, email)
);
