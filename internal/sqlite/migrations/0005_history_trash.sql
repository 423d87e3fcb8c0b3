-- Every version of every post-mortem: one row per save with who, when,
-- the fields it changed and the writer's note. doc is the whole document,
-- DEFLATE-compressed, once a later save replaced it; the current version's
-- row has none, as postmortems.doc holds it. Rows have no foreign key:
-- the history stays while a post-mortem is in the trash and goes with a
-- purge.
CREATE TABLE postmortem_versions (
	postmortem_id TEXT NOT NULL,
	version       INTEGER NOT NULL,
	saved_at      INTEGER NOT NULL,
	saved_by      TEXT NOT NULL,
	saved_by_id   TEXT NOT NULL,
	changes       TEXT NOT NULL,
	note          TEXT NOT NULL,
	restored_from INTEGER,
	doc           BLOB,
	PRIMARY KEY (postmortem_id, version)
);
-- Post-mortems saved before history was kept start it at their version.
INSERT INTO postmortem_versions (postmortem_id, version, saved_at, saved_by, saved_by_id, changes, note)
	SELECT id, version, updated_at, updated_by, COALESCE(json_extract(doc, '$.updated_by_id'), ''), '[]', '' FROM postmortems;

-- The trash: a deleted post-mortem's document and images, moved out of
-- the live tables so it leaves every list, search, count and feed at once.
CREATE TABLE trash (
	id            TEXT PRIMARY KEY,
	version       INTEGER NOT NULL,
	title         TEXT NOT NULL,
	severity      TEXT NOT NULL,
	author_id     TEXT NOT NULL,
	restricted    INTEGER NOT NULL,
	deleted_at    INTEGER NOT NULL,
	deleted_by    TEXT NOT NULL,
	deleted_by_id TEXT NOT NULL,
	doc           TEXT NOT NULL
);
CREATE INDEX trash_deleted ON trash (deleted_at DESC, id DESC);
CREATE INDEX trash_author ON trash (author_id, deleted_at DESC, id DESC);

CREATE TABLE trash_attachments (
	id            TEXT PRIMARY KEY,
	postmortem_id TEXT NOT NULL,
	filename      TEXT NOT NULL,
	content_type  TEXT NOT NULL,
	data          BLOB NOT NULL,
	created_at    INTEGER NOT NULL
);
CREATE INDEX trash_attachments_postmortem ON trash_attachments (postmortem_id);

-- A post-mortem in the trash keeps its id: nothing new may take it, or
-- restoring would meet a stranger with its history.
CREATE TRIGGER postmortems_id_not_in_trash BEFORE INSERT ON postmortems
WHEN EXISTS (SELECT 1 FROM trash WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, 'UNIQUE constraint failed: the id belongs to a post-mortem in the trash');
END;
