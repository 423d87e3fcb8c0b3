-- When each scheduled job may next run. An instance runs a job only if it
-- moves next_at forward itself, so among several instances one runs it.
CREATE TABLE schedule (
	job     TEXT PRIMARY KEY,
	next_at TIMESTAMPTZ NOT NULL,
	last_by TEXT NOT NULL DEFAULT ''
);
