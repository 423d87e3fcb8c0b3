-- A third counter, moved on by every first opening of a post-mortem (the
-- reads are recorded with it): the read receipts a post-mortem's page
-- shows are kept in memory under it. It announces itself as the other two
-- do (0026).
CREATE TABLE reads_version (
	id INT PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO reads_version (id, n) VALUES (1, 0);
CREATE TRIGGER reads_version_announced AFTER UPDATE ON reads_version FOR EACH STATEMENT EXECUTE FUNCTION announce_versions();
