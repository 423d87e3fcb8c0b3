-- Images uploaded before their post-mortem's first save, kept for the
-- user who uploaded them until a save claims them (they then become
-- attachments with the same id) or they are purged as abandoned.
CREATE TABLE pending_uploads (
	id           TEXT PRIMARY KEY,
	owner_id     TEXT NOT NULL,
	filename     TEXT NOT NULL,
	content_type TEXT NOT NULL,
	data         BLOB NOT NULL,
	created_at   INTEGER NOT NULL
);
CREATE INDEX pending_uploads_created ON pending_uploads (created_at);

-- linked: a saved version of the post-mortem linked the attachment. An
-- attachment never linked is abandoned and purged; one linked once is
-- kept, since every version stays readable. Those stored before this
-- migration are kept.
ALTER TABLE attachments ADD COLUMN linked INTEGER NOT NULL DEFAULT 1;
CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE linked = 0;

-- People named in post-mortems (meeting, perspectives, owners,
-- stakeholders), offered as a writer types a name: each name once by its
-- key (lower case, single spaces), and which post-mortems name it, so a
-- name only a restricted post-mortem mentions is offered only to those
-- who may see it.
CREATE TABLE people (
	key  TEXT PRIMARY KEY,
	name TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE postmortem_people (
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	key           TEXT NOT NULL,
	PRIMARY KEY (postmortem_id, key)
) WITHOUT ROWID;
CREATE INDEX postmortem_people_key ON postmortem_people (key, postmortem_id);

CREATE TEMP TABLE named_people AS
SELECT id, trim(replace(replace(replace(replace(n, char(9), ' '), '    ', ' '), '  ', ' '), '  ', ' ')) AS name FROM (
	SELECT p.id, json_extract(p.doc, '$.meeting.contact') AS n FROM postmortems p
	UNION ALL SELECT p.id, json_extract(p.doc, '$.meeting.created_by') FROM postmortems p
	UNION ALL SELECT p.id, json_extract(p.doc, '$.meeting.facilitated_by') FROM postmortems p
	UNION ALL SELECT p.id, json_extract(e.value, '$.reported_by') FROM postmortems p, json_each(p.doc, '$.events') e
	UNION ALL SELECT p.id, json_extract(c.value, '$.owner') FROM postmortems p, json_each(p.doc, '$.countermeasures') c
	UNION ALL SELECT p.id, json_extract(s.value, '$.name') FROM postmortems p, json_each(p.doc, '$.stakeholders') s
) WHERE n IS NOT NULL AND trim(n) <> '';
INSERT OR IGNORE INTO people (key, name) SELECT lower(name), name FROM named_people;
INSERT OR IGNORE INTO postmortem_people (postmortem_id, key) SELECT id, lower(name) FROM named_people;
DROP TABLE named_people;

-- The owner column is what the tracker filters by: kept as the owner's
-- key, so "Mei  Lin" finds "mei lin".
UPDATE countermeasures SET owner = lower(trim(replace(replace(replace(replace(owner, char(9), ' '), '    ', ' '), '  ', ' '), '  ', ' ')));
