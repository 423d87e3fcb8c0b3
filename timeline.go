package hindsight

import "slices"

// SortEvents puts a timeline in chronological order, as the guide's
// "bullet list with timestamps" reads, however the events were typed or
// imported. An event without a time stays with the event before it (a
// note that follows "09:42 alert fires" belongs after it), and leading
// events without a time stay first. The sort is stable, so events at the
// same instant keep the order they were given in.
func SortEvents(events []Event) {
	type group struct {
		at     int // index of the timed event that leads the group, -1 for the leading untimed ones
		events []Event
	}
	var groups []group
	for i, e := range events {
		if e.At != nil || len(groups) == 0 {
			lead := i
			if e.At == nil {
				lead = -1
			}
			groups = append(groups, group{at: lead})
		}
		g := &groups[len(groups)-1]
		g.events = append(g.events, e)
	}
	slices.SortStableFunc(groups, func(a, b group) int {
		switch {
		case a.at < 0 && b.at < 0:
			return 0
		case a.at < 0:
			return -1
		case b.at < 0:
			return 1
		}
		return events[a.at].At.Compare(*events[b.at].At)
	})
	out := make([]Event, 0, len(events))
	for _, g := range groups {
		out = append(out, g.events...)
	}
	copy(events, out)
}
