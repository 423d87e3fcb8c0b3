-- Post-mortems: projection columns for filtering and ordering, the whole
-- document as JSONB so Get is one row read, and a weighted search vector.
CREATE TABLE postmortems (
	id          TEXT PRIMARY KEY,
	version     BIGINT NOT NULL,
	title       TEXT NOT NULL,
	status      TEXT NOT NULL,
	severity    TEXT NOT NULL,
	team        TEXT NOT NULL,
	started_at  TIMESTAMPTZ,
	detected_at TIMESTAMPTZ,
	ended_at    TIMESTAMPTZ,
	meeting_at  TIMESTAMPTZ,
	-- sort_at: the incident start, or the creation time without one.
	sort_at     TIMESTAMPTZ NOT NULL,
	created_at  TIMESTAMPTZ NOT NULL,
	updated_at  TIMESTAMPTZ NOT NULL,
	updated_by  TEXT NOT NULL,
	doc         JSONB NOT NULL
);
CREATE INDEX postmortems_sort ON postmortems (sort_at DESC, id DESC);
CREATE INDEX postmortems_severity ON postmortems (severity, sort_at DESC);
CREATE INDEX postmortems_status ON postmortems (status, sort_at DESC);

-- Search lives in a narrow table: matching uses the full vector through
-- its GIN index; ranking reads only the small vector of title (A) and
-- summary and root cause (B), so ranking thousands of matches never
-- de-TOASTs whole documents.
CREATE TABLE postmortem_search (
	postmortem_id TEXT PRIMARY KEY REFERENCES postmortems (id) ON DELETE CASCADE,
	sort_at       TIMESTAMPTZ NOT NULL,
	rank_vec      TSVECTOR NOT NULL,
	search        TSVECTOR NOT NULL
);
CREATE INDEX postmortem_search_gin ON postmortem_search USING GIN (search);

CREATE TABLE postmortem_tags (
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	tag           TEXT NOT NULL,
	PRIMARY KEY (postmortem_id, tag)
);
CREATE INDEX postmortem_tags_tag ON postmortem_tags (lower(tag), postmortem_id);

CREATE TABLE countermeasures (
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	id            TEXT NOT NULL,
	position      INT NOT NULL,
	kind          TEXT NOT NULL,
	priority      TEXT NOT NULL,
	owner         TEXT NOT NULL,
	due           DATE,
	status        TEXT NOT NULL,
	done_at       TIMESTAMPTZ,
	verified_at   TIMESTAMPTZ,
	doc           JSONB NOT NULL,
	PRIMARY KEY (postmortem_id, id)
);
CREATE INDEX countermeasures_due ON countermeasures (due);
CREATE INDEX countermeasures_owner ON countermeasures (lower(owner));

CREATE TABLE attachments (
	id            TEXT PRIMARY KEY,
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	filename      TEXT NOT NULL,
	content_type  TEXT NOT NULL,
	data          BYTEA NOT NULL,
	created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX attachments_postmortem ON attachments (postmortem_id);
