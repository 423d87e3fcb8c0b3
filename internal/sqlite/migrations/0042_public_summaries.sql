-- Public summaries: an opt-in account for customers, written apart from
-- the internal post-mortem (customer impact, timeline in customer terms,
-- what is being done) and shown at its own public address once published.
-- public_id is not the post-mortem's id, so the public address reveals
-- nothing internal.
CREATE TABLE public_summaries (
	postmortem_id   TEXT PRIMARY KEY,
	public_id       TEXT NOT NULL UNIQUE,
	title           TEXT NOT NULL,
	customer_impact TEXT NOT NULL,
	timeline        TEXT NOT NULL,
	actions         TEXT NOT NULL,
	published_at    INTEGER,
	updated_at      INTEGER NOT NULL,
	updated_by      TEXT NOT NULL
);
CREATE INDEX public_summaries_published ON public_summaries (published_at);
