-- Settings an admin changes while the instance runs, by name: the
-- internal networks webhooks may reach (webhook_allow).
CREATE TABLE instance_settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
