-- Three Morgue post-mortems written for the import test: a full one, a
-- short one with a severity the default policy lacks, and one deleted in
-- Morgue.
INSERT INTO postmortems (id, title, summary, starttime, endtime, statustime, detecttime, severity, gcal, contact, facilitator, facilitator_email, tldr, why_surprised, meeting_notes_link, subsystem, owner_team, problem_type, impact_type, incident_cause, deleted) VALUES
(1, 'Search results empty after index rebuild', 'The nightly index rebuild swapped in an empty index.\n\nSearch returned no results for 38 minutes.', 1710054000, 1710056280, 1710054900, 1710054600, 2, 'https://calendar.example.com/event/42', 'Ana Souza', 'Kwame Mensah', 'kwame@example.com', 'An empty search index went live for 38 minutes.', 'The rebuild job reported success although it indexed nothing.', 'https://docs.example.com/notes/search-index', 'search', 'Discovery', 'Software', 'Degraded', 'Change', 0),
(2, 'Thumbnail service slow', 'Thumbnails took up to 9 seconds.', 1710140400, 1710144000, 0, 0, 5, NULL, '', '', '', '', '', '', '', '', '', '', '', 0),
(3, 'Test entry, please ignore', 'x', 1710000000, 1710000060, 0, 0, 4, NULL, '', '', '', '', '', '', '', '', '', '', '', 1);

INSERT INTO tags (id, title) VALUES (1, 'search'), (2, 'indexing'), (3, 'unused');
INSERT INTO postmortem_referenced_tags (postmortem_id, tag_id, deleted) VALUES (1, 1, 0), (1, 2, 0), (1, 3, 1);
INSERT INTO postmortem_history (postmortem_id, auth_username, action, create_date) VALUES (1, 'asouza', 'create', 1710060000), (1, 'kmensah', 'update', 1710070000);
INSERT INTO images (postmortem_id, image_link) VALUES (1, 'https://images.example.com/search-zero-results.png');
INSERT INTO irc (postmortem_id, channel) VALUES (1, 'search-ops');
INSERT INTO jira (postmortem_id, ticket, deleted) VALUES (1, 'SRCH-311', 0), (1, 'SRCH-312', 0), (1, 'SRCH-999', 1);
INSERT INTO forum_links (postmortem_id, forum_link, comment) VALUES (1, 'https://forum.example.com/t/search-outage', 'Customer thread');
INSERT INTO slack (postmortem_id, channel_id, channel_name, message) VALUES
(1, 'C01SRCH', 'search-incident', '<div class="message"><b>asouza</b> 07:10 search returns nothing for &quot;shoes&quot;</div><div class="message"><b>kmensah</b> 07:21 rolling back to yesterday&#39;s index</div>');
