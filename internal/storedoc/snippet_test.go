package storedoc

import (
	"testing"

	"hindsight"
)

func TestSnippet(t *testing.T) {
	p := &hindsight.PostMortem{
		Title:       "Checkout outage",
		Summary:     "A configuration change shrank the payment gateway connection pool.",
		Description: "Card payments timed out for 83 minutes while workers waited for connections.",
	}
	const s, e = hindsight.HighlightStart, hindsight.HighlightEnd
	tests := []struct{ q, want string }{
		{"connections", "…payment gateway " + s + "connection" + e + " pool."},
		{"Timeouts minutes", "…for 83 " + s + "minutes" + e + " while workers waited…"},
		{"checkout", s + "Checkout" + e + " outage"},
		{"", ""},
		{"zebra", ""},
	}
	for _, tt := range tests {
		if got := Snippet(p, tt.q, 6); got != tt.want {
			t.Errorf("Snippet(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
	forged := &hindsight.PostMortem{Summary: "pool " + s + "forged" + e}
	if got := Snippet(forged, "pool", 6); got != s+"pool"+e+" forged" {
		t.Errorf("stored text must not forge highlights: %q", got)
	}
}
