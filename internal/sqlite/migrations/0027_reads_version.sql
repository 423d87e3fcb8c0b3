-- A third counter, moved on by every first opening of a post-mortem (the
-- reads are recorded with it): the read receipts a post-mortem's page
-- shows are kept in memory under it.
CREATE TABLE reads_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO reads_version (id, n) VALUES (1, 0);
