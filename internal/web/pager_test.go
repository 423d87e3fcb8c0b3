package web

import (
	"net/url"
	"testing"
)

func TestPager(t *testing.T) {
	t.Parallel()
	q := url.Values{"severity": {"SEV1"}, "late": {"2"}}
	p := newPager(q, "late", 45, 20)
	if p.From != 21 || p.To != 40 || p.Total != 45 {
		t.Errorf("page 2 of 45: %+v", p)
	}
	if p.Prev != "?late=1&severity=SEV1#h-late" || p.Next != "?late=3&severity=SEV1#h-late" {
		t.Errorf("links keep the filters: %q %q", p.Prev, p.Next)
	}
	if last := newPager(url.Values{"late": {"99"}}, "late", 45, 20); last.From != 41 || last.To != 45 || last.Next != "" {
		t.Errorf("past the end: %+v", last)
	}
	if none := newPager(url.Values{"late": {"x"}}, "late", 0, 20); none.To != 0 || none.Prev != "" || none.Next != "" {
		t.Errorf("empty: %+v", none)
	}
}
