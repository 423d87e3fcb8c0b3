package hindsight

// recordStatusChanges appends a status change, stamped like stamp, to
// every countermeasure of p whose status is not the one stored (matched
// by id; a new one counts as changed unless it starts open), so the
// countermeasure itself tells who moved it to done and when. stored is
// nil for a new post-mortem.
func recordStatusChanges(p, stored *PostMortem, stamp StatusChange) {
	before := map[string]CountermeasureStatus{}
	if stored != nil {
		for _, c := range stored.Countermeasures {
			before[c.ID] = c.Status
		}
	}
	for i := range p.Countermeasures {
		c := &p.Countermeasures[i]
		from, ok := before[c.ID]
		if c.Status == from || (!ok && c.Status == CMOpen) {
			continue
		}
		ch := stamp
		ch.From, ch.To = from, c.Status
		c.StatusChanges = append(c.StatusChanges, ch)
	}
}
