package postgres

import (
	"context"
	"fmt"

	"hindsight"
	"hindsight/internal/storedoc"
)

// People finds names for suggestions: the distinct people table is small
// (an organisation's people, not its post-mortems), so it is scanned, and
// each match is kept if one post-mortem the audience may see names it.
func (s *Store) People(ctx context.Context, f hindsight.PeopleFilter) ([]string, error) {
	start, word := storedoc.PeoplePatterns(f.Q)
	w := &where{}
	sp, wp := w.arg(start), w.arg(word)
	w.audience(f.Audience)
	rows, err := s.db.QueryContext(ctx, `SELECT pe.name FROM people pe
		WHERE (pe.key LIKE `+sp+` OR pe.key LIKE `+wp+`)
		AND EXISTS (SELECT 1 FROM postmortem_people pp JOIN postmortems p ON p.id = pp.postmortem_id WHERE pp.key = pe.key AND `+w.sql()+`)
		UNION ALL
		SELECT u.name FROM users u WHERE NOT u.disabled AND (lower(u.name) LIKE `+sp+` OR lower(u.name) LIKE `+wp+`)`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadPeople(rows, f.Q, f.Limit)
}
