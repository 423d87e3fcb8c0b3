package filter

import (
	"net/url"
	"strconv"

	"hindsight"
)

// Revisions reads a history page's limit=&cursor=.
func Revisions(q url.Values) (hindsight.RevisionFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.RevisionFilter{Cursor: q.Get("cursor")}
	f.Limit = limitParam(q, v)
	return f, v.OrNil()
}

// Trash reads a trash page's limit=&cursor=.
func Trash(q url.Values) (hindsight.TrashFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.TrashFilter{Cursor: q.Get("cursor")}
	f.Limit = limitParam(q, v)
	return f, v.OrNil()
}

// Compare reads the versions a comparison is between, from=&to=: to
// defaults to current, from to the version before to.
func Compare(q url.Values, current int64) (from, to int64, err error) {
	v := &hindsight.ValidationError{}
	to = versionParam(q.Get("to"), "to", current, v)
	from = versionParam(q.Get("from"), "from", max(1, to-1), v)
	return from, to, v.OrNil()
}

// Version reads a version number given as name ("n" in a path, "from"
// in a query): a whole number from 1.
func Version(s, name string) (int64, error) {
	v := &hindsight.ValidationError{}
	n := versionParam(s, name, 0, v)
	if s == "" {
		v.Add(name, "is required")
	}
	return n, v.OrNil()
}

func versionParam(s, name string, def int64, v *hindsight.ValidationError) int64 {
	if s == "" {
		return def
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		v.Add(name, "must be a version number (1 or more), not %q", s)
		return def
	}
	return n
}
