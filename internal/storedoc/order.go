package storedoc

import "hindsight"

// CountermeasureOrder is the ORDER BY clause (over alias c for
// countermeasures) for a tracker sort; both engines share it so they list
// alike, and each has an index on exactly these expressions, so a page is
// read in index order and the tracker never sorts every countermeasure.
// Undated countermeasures come last when sorting by target date,
// unprioritised ones last when sorting by priority.
func CountermeasureOrder(sort string) (string, error) {
	const tail = "c.postmortem_id, c.position"
	switch sort {
	case "", "due":
		return "c.due IS NULL, c.due, c.priority, " + tail, nil
	case "priority":
		return "c.priority = '', c.priority, c.due IS NULL, c.due, " + tail, nil
	}
	return "", hindsight.Invalid("sort", "must be due or priority, not %q", sort)
}
