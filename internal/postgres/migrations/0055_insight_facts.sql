-- Insights read every post-mortem's times and every countermeasure's
-- status: these covering indexes hold exactly those columns, so the
-- figures are two index-only scans instead of a walk over every row.
CREATE INDEX postmortems_facts ON postmortems (sort_at, id) INCLUDE (severity, status, created_at,
	started_at, detected_at, ended_at, meeting_at, restricted, author_id, title);
CREATE INDEX countermeasures_facts ON countermeasures (postmortem_id, position) INCLUDE (kind, status, due, done_at);
