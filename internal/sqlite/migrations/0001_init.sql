-- Post-mortems: projection columns for filtering and ordering, and the whole
-- document as JSON so Get is one indexed row read.
CREATE TABLE postmortems (
	id          TEXT PRIMARY KEY,
	version     INTEGER NOT NULL,
	title       TEXT NOT NULL,
	status      TEXT NOT NULL,
	severity    TEXT NOT NULL,
	team        TEXT NOT NULL,
	started_at  INTEGER,
	detected_at INTEGER,
	ended_at    INTEGER,
	meeting_at  INTEGER,
	-- sort_at is the incident start, or the creation time when no start was
	-- recorded: "newest incident first" and the date-range filter use it.
	sort_at     INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	updated_by  TEXT NOT NULL,
	doc         TEXT NOT NULL
);
CREATE INDEX postmortems_sort ON postmortems (sort_at DESC, id DESC);
CREATE INDEX postmortems_severity ON postmortems (severity, sort_at DESC);
CREATE INDEX postmortems_status ON postmortems (status, sort_at DESC);

CREATE TABLE postmortem_tags (
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	tag           TEXT NOT NULL COLLATE NOCASE,
	PRIMARY KEY (postmortem_id, tag)
) WITHOUT ROWID;
CREATE INDEX postmortem_tags_tag ON postmortem_tags (tag, postmortem_id);

-- Countermeasures, projected for the tracker across all post-mortems; the
-- post-mortem document stays the source of truth.
CREATE TABLE countermeasures (
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	id            TEXT NOT NULL,
	position      INTEGER NOT NULL,
	kind          TEXT NOT NULL,
	priority      TEXT NOT NULL,
	owner         TEXT NOT NULL COLLATE NOCASE,
	due           TEXT,
	status        TEXT NOT NULL,
	done_at       INTEGER,
	verified_at   INTEGER,
	doc           TEXT NOT NULL,
	PRIMARY KEY (postmortem_id, id)
) WITHOUT ROWID;
CREATE INDEX countermeasures_due ON countermeasures (due);
CREATE INDEX countermeasures_owner ON countermeasures (owner);

CREATE TABLE attachments (
	id            TEXT PRIMARY KEY,
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	filename      TEXT NOT NULL,
	content_type  TEXT NOT NULL,
	data          BLOB NOT NULL,
	created_at    INTEGER NOT NULL
);
CREATE INDEX attachments_postmortem ON attachments (postmortem_id);

-- Full-text index; its rowid is the post-mortem's rowid.
CREATE VIRTUAL TABLE postmortem_fts USING fts5 (
	title, summary, body,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
