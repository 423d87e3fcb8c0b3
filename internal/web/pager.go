package web

import (
	"net/url"
	"strconv"
)

// latePageSize is how many late post-mortems the insights page lists at
// once.
const latePageSize = 20

// pager pages a list the page already holds, by a page-number query
// parameter that keeps every other parameter (the page's filters).
type pager struct {
	// From and To are the 1-based positions shown; To is 0 for none.
	From, To, Total int
	Prev, Next      string // links, "" at either end
}

func newPager(q url.Values, param string, total, size int) pager {
	n, err := strconv.Atoi(q.Get(param))
	pages := max(1, (total+size-1)/size)
	if err != nil || n < 1 {
		n = 1
	}
	n = min(n, pages)
	p := pager{From: min(total, (n-1)*size+1), To: min(total, n*size), Total: total}
	if total == 0 {
		p.From = 1
	}
	link := func(page int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set(param, strconv.Itoa(page))
		return "?" + v.Encode() + "#h-" + param
	}
	if n > 1 {
		p.Prev = link(n - 1)
	}
	if n < pages {
		p.Next = link(n + 1)
	}
	return p
}
