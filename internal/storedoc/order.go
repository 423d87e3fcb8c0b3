package storedoc

import "hindsight"

// CountermeasureOrder is the ORDER BY clause (over aliases c for
// countermeasures and p for post-mortems, columns due, priority, position)
// for a tracker sort; both engines share it so they list alike. Undated
// countermeasures come last when sorting by target date, unprioritised ones
// last when sorting by priority.
func CountermeasureOrder(sort string) (string, error) {
	const tail = "p.id, c.position"
	switch sort {
	case "", "due":
		return "c.due IS NULL, c.due, c.priority, " + tail, nil
	case "priority":
		return "c.priority = '', c.priority, c.due IS NULL, c.due, " + tail, nil
	}
	return "", hindsight.Invalid("sort", "must be due or priority, not %q", sort)
}
