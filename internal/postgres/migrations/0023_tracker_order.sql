-- The tracker's two orders (storedoc.CountermeasureOrder, compared
-- bytewise), expression for expression, so a page of countermeasures is
-- read in index order and stops after the page instead of sorting every
-- countermeasure.
CREATE INDEX countermeasures_by_due ON countermeasures
	((due IS NULL), due, priority COLLATE "C", postmortem_id COLLATE "C", position);
CREATE INDEX countermeasures_by_priority ON countermeasures
	((priority = ''), priority COLLATE "C", (due IS NULL), due, postmortem_id COLLATE "C", position);
