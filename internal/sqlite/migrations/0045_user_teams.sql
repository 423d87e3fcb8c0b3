-- The teams and services a user follows, as they choose them on their
-- account page: their "to read" list and weekly digest bring those
-- post-mortems (besides those of their single sign-on groups). JSON
-- arrays, like groups.
ALTER TABLE users ADD COLUMN teams TEXT NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN services TEXT NOT NULL DEFAULT '[]';
