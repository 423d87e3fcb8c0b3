-- Images uploaded before their post-mortem's first save, kept for the
-- user who uploaded them until a save claims them (they then become
-- attachments with the same id) or they are purged as abandoned.
CREATE TABLE pending_uploads (
	id           TEXT PRIMARY KEY,
	owner_id     TEXT NOT NULL,
	filename     TEXT NOT NULL,
	content_type TEXT NOT NULL,
	data         BYTEA NOT NULL,
	created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_uploads_created ON pending_uploads (created_at);

-- linked: a saved version of the post-mortem linked the attachment. An
-- attachment never linked is abandoned and purged; one linked once is
-- kept, since every version stays readable. Those stored before this
-- migration are kept.
ALTER TABLE attachments ADD COLUMN linked BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE NOT linked;

-- People named in post-mortems (meeting, perspectives, owners,
-- stakeholders), offered as a writer types a name: each name once by its
-- key (lower case, single spaces), and which post-mortems name it, so a
-- name only a restricted post-mortem mentions is offered only to those
-- who may see it.
CREATE TABLE people (
	key  TEXT PRIMARY KEY,
	name TEXT NOT NULL
);
CREATE TABLE postmortem_people (
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	key           TEXT NOT NULL,
	PRIMARY KEY (postmortem_id, key)
);
CREATE INDEX postmortem_people_key ON postmortem_people (key, postmortem_id);

CREATE TEMP TABLE named_people ON COMMIT DROP AS
SELECT id, btrim(regexp_replace(n, '\s+', ' ', 'g')) AS name FROM (
	SELECT p.id, p.doc #>> '{meeting,contact}' AS n FROM postmortems p
	UNION ALL SELECT p.id, p.doc #>> '{meeting,created_by}' FROM postmortems p
	UNION ALL SELECT p.id, p.doc #>> '{meeting,facilitated_by}' FROM postmortems p
	UNION ALL SELECT p.id, jsonb_path_query(p.doc, '$.events[*].reported_by') #>> '{}' FROM postmortems p
	UNION ALL SELECT p.id, jsonb_path_query(p.doc, '$.countermeasures[*].owner') #>> '{}' FROM postmortems p
	UNION ALL SELECT p.id, jsonb_path_query(p.doc, '$.stakeholders[*].name') #>> '{}' FROM postmortems p
) named WHERE n IS NOT NULL AND btrim(n) <> '';
INSERT INTO people (key, name) SELECT DISTINCT ON (lower(name)) lower(name), name FROM named_people ON CONFLICT DO NOTHING;
INSERT INTO postmortem_people (postmortem_id, key) SELECT DISTINCT id, lower(name) FROM named_people ON CONFLICT DO NOTHING;

-- The owner column is what the tracker filters by: kept as the owner's
-- key, so "Mei  Lin" finds "mei lin".
UPDATE countermeasures SET owner = lower(btrim(regexp_replace(owner, '\s+', ' ', 'g')));
