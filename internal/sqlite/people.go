package sqlite

import (
	"context"
	"fmt"
	"strings"

	"hindsight"
	"hindsight/internal/storedoc"
)

// People finds names for suggestions: the distinct people table is small
// (an organisation's people, not its post-mortems), so it is scanned, and
// each match is kept if one post-mortem the audience may see names it.
func (s *Store) People(ctx context.Context, f hindsight.PeopleFilter) ([]string, error) {
	start, word := storedoc.PeoplePatterns(f.Q)
	visible, vargs := listWhere(hindsight.ListFilter{Audience: f.Audience})
	cond := strings.Join(append(visible, "1"), " AND ")
	args := append([]any{start, word}, vargs...)
	args = append(args, start, word)
	rows, err := s.read.QueryContext(ctx, `SELECT pe.name FROM people pe
		WHERE (pe.key LIKE ? ESCAPE '\' OR pe.key LIKE ? ESCAPE '\')
		AND EXISTS (SELECT 1 FROM postmortem_people pp JOIN postmortems p ON p.id = pp.postmortem_id WHERE pp.key = pe.key AND `+cond+`)
		UNION ALL
		SELECT u.name FROM users u WHERE u.disabled = 0 AND (lower(u.name) LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\')`, args...)
	if err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	defer rows.Close()
	return storedoc.ReadPeople(rows, f.Q, f.Limit)
}
