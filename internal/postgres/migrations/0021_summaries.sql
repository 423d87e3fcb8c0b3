-- What a list shows of each post-mortem, kept small beside the document,
-- so list and search pages never decode documents.
CREATE TABLE postmortem_summaries (
	postmortem_id TEXT PRIMARY KEY REFERENCES postmortems (id) ON DELETE CASCADE,
	summary       TEXT NOT NULL
);

-- The searchable text, for the snippets of a search page, and the order
-- each search tier is read in: most recent incident first.
ALTER TABLE postmortem_search
	ADD COLUMN text_title   TEXT,
	ADD COLUMN text_summary TEXT,
	ADD COLUMN text_body    TEXT;
CREATE INDEX postmortem_search_recent ON postmortem_search (sort_at DESC, postmortem_id DESC);
