-- The data version moves on at commit, not at the write: a writing
-- transaction then holds the counter's row lock only while it commits, so
-- concurrent saves wait on each other for a commit's length, not for a
-- whole transaction's.
DROP TRIGGER postmortems_changed ON postmortems;
CREATE CONSTRAINT TRIGGER postmortems_changed AFTER INSERT OR UPDATE OR DELETE ON postmortems
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
