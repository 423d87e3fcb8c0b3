-- A number that moves on with every committed change to any post-mortem,
-- so cached list and search pages are keyed by it and never outlive a
-- change, whichever instance made it.
CREATE TABLE data_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO data_version (id, n) VALUES (1, 0);
CREATE TRIGGER postmortems_inserted AFTER INSERT ON postmortems BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER postmortems_updated AFTER UPDATE ON postmortems BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER postmortems_deleted AFTER DELETE ON postmortems BEGIN UPDATE data_version SET n = n + 1; END;
