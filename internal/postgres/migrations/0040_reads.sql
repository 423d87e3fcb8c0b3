-- Read receipts: who opened each post-mortem, once per reader (the first
-- time). The view page records them with an insert that ignores a reader
-- already recorded, so reading stays cheap. No foreign keys: like the
-- review, they stay while a post-mortem is in the trash.
CREATE TABLE reads (
	postmortem_id TEXT NOT NULL,
	user_id       TEXT NOT NULL,
	at            TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (postmortem_id, user_id)
);
CREATE INDEX reads_user ON reads (user_id);
