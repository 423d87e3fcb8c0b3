-- A recorded revisit changes the home page's "revisits due", which is
-- cached per data version: recording one moves the version on.
CREATE TRIGGER revisits_inserted AFTER INSERT ON revisits BEGIN UPDATE data_version SET n = n + 1; END;
