package storedoc

// A search shows its matches in tiers — every query word in the title,
// then in the title and summary-like fields, then anywhere — and within a
// tier the most recent incident first. Each tier is read in the order an
// index already keeps, so the commonest word costs a page of rows, not a
// ranking of every match (bm25 over tens of thousands of matches was most
// of a search's time at 100,000 post-mortems).
const (
	TierTitle   = 1
	TierSummary = 2
	TierBody    = 3
)

// Tiers lists the tiers in the order a search shows them.
var Tiers = []int{TierTitle, TierSummary, TierBody}

// SearchCursor is where a search page ends: the tier and the position of
// the last item in it (an engine's own keyset, SortAt/ID or Key).
func SearchCursor(tier int, sortAt int64, id string, key int64) Cursor {
	return Cursor{Search: true, Tier: tier, SortAt: sortAt, ID: id, Key: key}
}
