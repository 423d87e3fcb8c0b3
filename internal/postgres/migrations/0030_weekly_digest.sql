-- A user's choice of a weekly e-mail digest of what was published and
-- what they own that is overdue.
ALTER TABLE users ADD COLUMN weekly_digest BOOLEAN NOT NULL DEFAULT false;
