-- A vector each for the title and for the title with the summary, with
-- their own indexes and statistics: the first two search tiers test these
-- small vectors, and the planner, knowing how rare a word is in titles,
-- either walks the recency index or fetches the few matches, instead of
-- testing every document's whole vector for a word no title holds.
ALTER TABLE postmortem_search
	ADD COLUMN title_vec TSVECTOR,
	ADD COLUMN head_vec  TSVECTOR;
UPDATE postmortem_search SET
	title_vec = to_tsvector('english', COALESCE(text_title, '')),
	head_vec  = to_tsvector('english', COALESCE(text_title, '') || ' ' || COALESCE(text_summary, ''));
CREATE INDEX postmortem_search_title ON postmortem_search USING GIN (title_vec);
CREATE INDEX postmortem_search_head ON postmortem_search USING GIN (head_vec);
ANALYZE postmortem_search;
