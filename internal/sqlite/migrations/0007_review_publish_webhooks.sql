-- Review and publishing: who was asked to review, every verdict, comments
-- (threads anchored to a section or a timeline event) and when each
-- post-mortem was published and last announced. No foreign keys: like the
-- history, these stay while a post-mortem is in the trash.
CREATE TABLE review_requests (
	postmortem_id   TEXT NOT NULL,
	reviewer_id     TEXT NOT NULL,
	reviewer        TEXT NOT NULL,
	requested_by_id TEXT NOT NULL,
	requested_by    TEXT NOT NULL,
	at              INTEGER NOT NULL,
	PRIMARY KEY (postmortem_id, reviewer_id)
);

CREATE TABLE reviews (
	id            TEXT PRIMARY KEY,
	postmortem_id TEXT NOT NULL,
	version       INTEGER NOT NULL,
	reviewer_id   TEXT NOT NULL,
	reviewer      TEXT NOT NULL,
	verdict       TEXT NOT NULL,
	note          TEXT NOT NULL,
	at            INTEGER NOT NULL
);
CREATE INDEX reviews_postmortem ON reviews (postmortem_id, at);

CREATE TABLE comments (
	id            TEXT PRIMARY KEY,
	postmortem_id TEXT NOT NULL,
	parent_id     TEXT NOT NULL,
	anchor        TEXT NOT NULL,
	quote         TEXT NOT NULL,
	body          TEXT NOT NULL,
	author_id     TEXT NOT NULL,
	author        TEXT NOT NULL,
	version       INTEGER NOT NULL,
	at            INTEGER NOT NULL,
	mentions      TEXT NOT NULL,
	resolved_at   INTEGER,
	resolved_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comments_postmortem ON comments (postmortem_id, at);

CREATE TABLE publications (
	postmortem_id      TEXT PRIMARY KEY,
	first_published_at INTEGER NOT NULL,
	published_at       INTEGER NOT NULL,
	version            INTEGER NOT NULL,
	published_by       TEXT NOT NULL
);

-- Announcement destinations and the log of every delivery attempt.
CREATE TABLE webhooks (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	format     TEXT NOT NULL,
	url        TEXT NOT NULL,
	secret     TEXT NOT NULL,
	events     TEXT NOT NULL,
	severities TEXT NOT NULL,
	disabled   INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	created_by TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
	id            TEXT PRIMARY KEY,
	event_id      TEXT NOT NULL,
	webhook_id    TEXT NOT NULL,
	webhook_name  TEXT NOT NULL,
	url           TEXT NOT NULL,
	kind          TEXT NOT NULL,
	postmortem_id TEXT NOT NULL,
	attempt       INTEGER NOT NULL,
	at            INTEGER NOT NULL,
	duration_ms   INTEGER NOT NULL,
	status        INTEGER NOT NULL,
	ok            INTEGER NOT NULL,
	response      TEXT NOT NULL,
	error         TEXT NOT NULL,
	body          TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id DESC);
