-- A recorded revisit changes the home page's "revisits due", which is
-- cached per data version: recording one moves the version on.
CREATE TRIGGER revisits_data_version AFTER INSERT ON revisits FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
