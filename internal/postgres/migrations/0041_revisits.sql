-- Revisits: a published post-mortem is looked at again at dates set by
-- its severity (30 and 90 days after first publishing, by default); each
-- recorded revisit keeps who, when and the checklist's answers. No foreign
-- keys: like the review, they stay while a post-mortem is in the trash.
CREATE TABLE revisits (
	id                   TEXT PRIMARY KEY,
	postmortem_id        TEXT NOT NULL,
	seq                  INTEGER NOT NULL,
	due                  TEXT NOT NULL,
	by_id                TEXT NOT NULL,
	by_name              TEXT NOT NULL,
	at                   TIMESTAMPTZ NOT NULL,
	countermeasures_done TEXT NOT NULL,
	still_effective      TEXT NOT NULL,
	recurred             TEXT NOT NULL,
	learned              TEXT NOT NULL,
	notes                TEXT NOT NULL
);
CREATE INDEX revisits_postmortem ON revisits (postmortem_id, seq);

-- "On this day": past incidents that started on today's month and day
-- (in UTC), found through an index rather than by reading every row.
CREATE INDEX postmortems_month_day ON postmortems ((EXTRACT(MONTH FROM started_at AT TIME ZONE 'UTC') * 100 + EXTRACT(DAY FROM started_at AT TIME ZONE 'UTC')));
