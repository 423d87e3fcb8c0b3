-- A second counter, moved on whenever who may do what could have changed:
-- a session ends or its data changes, an account changes, a token is
-- revoked or changed (not merely used). Sessions, accounts and tokens are
-- kept in memory under it and dropped when it moves.
CREATE TABLE identity_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO identity_version (id, n) VALUES (1, 0);
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions WHEN OLD.data IS NOT NEW.data OR OLD.key IS NOT NEW.key
BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER users_changed AFTER UPDATE ON users BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER users_deleted AFTER DELETE ON users BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER tokens_changed AFTER UPDATE ON tokens
	WHEN OLD.revoked_at IS NOT NEW.revoked_at OR OLD.expires_at IS NOT NEW.expires_at OR OLD.read_only IS NOT NEW.read_only
		OR OLD.purpose IS NOT NEW.purpose OR OLD.user_id IS NOT NEW.user_id OR OLD.hash IS NOT NEW.hash
BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER tokens_deleted AFTER DELETE ON tokens BEGIN UPDATE identity_version SET n = n + 1; END;
