package web

import (
	"strings"
	"testing"
)

// TestImageDescriptionsKept checks an image keeps its whole description
// as alt text, whatever characters it has, and that the text stays inert.
func TestImageDescriptionsKept(t *testing.T) {
	m := newMarkdownRenderer()
	for src, want := range map[string]string{
		"![Errors at 12% by 09:42](/x.png)":        `alt="Errors at 12% by 09:42"`,
		`![A "quoted" <b>name</b> & more](/x.png)`: `alt="A &#34;quoted&#34; name &amp; more"`,
		`![x" onerror="alert(1)](/x.png)`:          `alt="x&#34; onerror=&#34;alert(1)"`,
	} {
		got := string(m.Render(src))
		if !strings.Contains(got, want) || strings.Contains(got, "onerror=\"") {
			t.Errorf("%s → %s, want %s", src, got, want)
		}
	}
}
