-- Who may see a post-mortem: its author, whether it is restricted, and the
-- readers ("user:EMAIL", "group:NAME") its access names.
ALTER TABLE postmortems ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
ALTER TABLE postmortems ADD COLUMN restricted BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE postmortem_readers (
	postmortem_id TEXT NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
	reader        TEXT NOT NULL,
	PRIMARY KEY (postmortem_id, reader)
);
CREATE INDEX postmortem_readers_reader ON postmortem_readers (reader, postmortem_id);

-- Accounts. Secrets sit in their own columns and are read only by the
-- sign-in path.
CREATE TABLE users (
	id              TEXT PRIMARY KEY,
	email           TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	role            TEXT NOT NULL,
	groups          TEXT[] NOT NULL DEFAULT '{}',
	disabled        BOOLEAN NOT NULL DEFAULT FALSE,
	subject         TEXT UNIQUE,
	password_hash   TEXT NOT NULL DEFAULT '',
	totp_secret     TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMPTZ NOT NULL,
	last_sign_in_at TIMESTAMPTZ
);

-- Sessions, API tokens and one-time links are kept by the SHA-256 of
-- their secret.
CREATE TABLE sessions (
	key        TEXT PRIMARY KEY,
	data       BYTEA NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE tokens (
	id           TEXT PRIMARY KEY,
	user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	read_only    BOOLEAN NOT NULL,
	purpose      TEXT NOT NULL,
	created_at   TIMESTAMPTZ NOT NULL,
	expires_at   TIMESTAMPTZ,
	last_used_at TIMESTAMPTZ,
	revoked_at   TIMESTAMPTZ
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE one_time_links (
	hash       TEXT PRIMARY KEY,
	purpose    TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE signin_failures (
	key TEXT NOT NULL,
	at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures (key, at);

CREATE TABLE audit_log (
	id        TEXT PRIMARY KEY,
	at        TIMESTAMPTZ NOT NULL,
	actor_id  TEXT NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL,
	target    TEXT NOT NULL,
	detail    TEXT NOT NULL,
	client_ip TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);
