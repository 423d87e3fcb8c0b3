-- What a list shows of each post-mortem, kept small beside the document,
-- so list and search pages never decode documents. search_key is the
-- post-mortem's key in the full-text index: its incident time in
-- microseconds, moved on within the second when taken, so the index's own
-- rowid order is "most recent incident first" (see searchKey).
CREATE TABLE postmortem_summaries (
	postmortem_id TEXT PRIMARY KEY REFERENCES postmortems (id) ON DELETE CASCADE,
	search_key    INTEGER NOT NULL UNIQUE,
	summary       TEXT NOT NULL
) WITHOUT ROWID;

-- The full-text index was keyed by the post-mortems' rowid; it is rebuilt
-- under search keys from the documents when the store opens.
DELETE FROM postmortem_fts;
