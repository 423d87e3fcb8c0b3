package web

import "testing"

func TestCSSString(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`Checkout "timeouts"`:         `Checkout \"timeouts\"`,
		`a\b`:                         `a\\b`,
		"x\n} body { display: none }": `x\a } body { display: none }`,
		"bell\x07":                    "bell",
	} {
		if got := cssString(in); got != want {
			t.Errorf("cssString(%q) = %q, want %q", in, got, want)
		}
	}
}
