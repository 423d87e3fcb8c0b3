-- Instances keep the data version in memory rather than read it at every
-- request: a transaction that moves it on says so at commit on the
-- hindsight_versions channel ("changed", once however many times it moved
-- it), which every instance LISTENs to. The counter's own table announces
-- it, so every way of moving it on does, the bulk load's too.
--
-- A second counter, the identity version, moves on whenever who may do
-- what could have changed: a session ends or its data changes, an account
-- changes, a token is revoked or changed (not merely used). Instances keep
-- sessions, accounts and tokens in memory under it and drop them when it
-- moves.
CREATE FUNCTION announce_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('hindsight_versions', 'changed');
	RETURN NULL;
END
$$;
CREATE TRIGGER data_version_announced AFTER UPDATE ON data_version FOR EACH STATEMENT EXECUTE FUNCTION announce_versions();

CREATE TABLE identity_version (
	id INT PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO identity_version (id, n) VALUES (1, 0);
CREATE TRIGGER identity_version_announced AFTER UPDATE ON identity_version FOR EACH STATEMENT EXECUTE FUNCTION announce_versions();
CREATE FUNCTION bump_identity_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE identity_version SET n = n + 1;
	RETURN NULL;
END
$$;
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_version();
CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions FOR EACH ROW
	WHEN (OLD.data IS DISTINCT FROM NEW.data OR OLD.key IS DISTINCT FROM NEW.key) EXECUTE FUNCTION bump_identity_version();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_version();
CREATE TRIGGER tokens_changed AFTER UPDATE ON tokens FOR EACH ROW
	WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
		OR OLD.read_only IS DISTINCT FROM NEW.read_only OR OLD.purpose IS DISTINCT FROM NEW.purpose
		OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.hash IS DISTINCT FROM NEW.hash)
	EXECUTE FUNCTION bump_identity_version();
CREATE TRIGGER tokens_deleted AFTER DELETE ON tokens FOR EACH STATEMENT EXECUTE FUNCTION bump_identity_version();
