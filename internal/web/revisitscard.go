package web

import "hindsight"

// How many due revisits a page lists: an organisation that adopts
// revisits with years of published post-mortems has thousands due at
// once, and a page listing them all would be megabytes.
const (
	homeRevisits    = 10
	trackerRevisits = 100
)

// revisitsCard is the longest-due revisits a page lists, how many more
// there are and where they all are.
type revisitsCard struct {
	Items   []hindsight.DueRevisit
	More    int
	MoreURL string
}

// firstRevisits keeps the first n of due (the longest due first).
func firstRevisits(due []hindsight.DueRevisit, n int, moreURL string) revisitsCard {
	if len(due) <= n {
		return revisitsCard{Items: due}
	}
	return revisitsCard{Items: due[:n], More: len(due) - n, MoreURL: moreURL}
}
