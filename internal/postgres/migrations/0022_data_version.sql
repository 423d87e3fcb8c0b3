-- A number that moves on with every committed change to any post-mortem,
-- so cached list and search pages are keyed by it and never outlive a
-- change, whichever instance made it. One row updated in the writing
-- transaction: its lock orders the changes as they commit, which a
-- sequence (taken before commit) would not.
CREATE TABLE data_version (
	id INT PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO data_version (id, n) VALUES (1, 0);
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE data_version SET n = n + 1;
	RETURN NULL;
END
$$;
CREATE TRIGGER postmortems_changed AFTER INSERT OR UPDATE OR DELETE ON postmortems
	FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
