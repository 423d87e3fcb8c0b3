// Package filter reads the filters of lists, the countermeasure tracker
// and insights from URL query parameters, naming each bad parameter. The
// API and the web pages take the same parameters, so both parse them here.
package filter

import (
	"net/url"
	"strconv"
	"time"

	"hindsight"
)

// List reads q=&tag=&severity=&status=&from=&to=&limit=&cursor=. from and
// to take an RFC 3339 time or a YYYY-MM-DD day (to's day is included).
func List(q url.Values) (hindsight.ListFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.ListFilter{
		Q: q.Get("q"), Tag: q.Get("tag"), Severity: q.Get("severity"),
		Status: hindsight.Status(q.Get("status")), Cursor: q.Get("cursor"),
	}
	f.Limit = limitParam(q, v)
	f.From = queryTime(q, "from", false, v)
	f.To = queryTime(q, "to", true, v)
	return f, v.OrNil()
}

// Countermeasures reads the tracker's owner=&status=&priority=&tag=&
// severity=&sort=&limit=&cursor=; overdue=true keeps the late ones and
// reverify=true the done ones not verified within the policy's period.
func Countermeasures(q url.Values, pol hindsight.Policy, now time.Time) (hindsight.CountermeasureFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.CountermeasureFilter{
		Owner: q.Get("owner"), Status: hindsight.CountermeasureStatus(q.Get("status")), Priority: hindsight.Priority(q.Get("priority")),
		Tag: q.Get("tag"), Severity: q.Get("severity"), Sort: q.Get("sort"), Cursor: q.Get("cursor"), Now: now,
	}
	f.Overdue = boolParam(q, "overdue", v)
	if boolParam(q, "reverify", v) {
		cutoff := now.Add(-pol.ReverifyAfter)
		f.ReverifyBefore = &cutoff
	}
	f.Limit = limitParam(q, v)
	return f, v.OrNil()
}

// Facts reads insights' from=&to=&severity=&tag=.
func Facts(q url.Values) (hindsight.FactsFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.FactsFilter{Severity: q.Get("severity"), Tag: q.Get("tag")}
	f.From = queryTime(q, "from", false, v)
	f.To = queryTime(q, "to", true, v)
	return f, v.OrNil()
}

func limitParam(q url.Values, v *hindsight.ValidationError) int {
	s := q.Get("limit")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > hindsight.MaxPageSize {
		v.Add("limit", "must be a number from 1 to %d", hindsight.MaxPageSize)
	}
	return n
}

func boolParam(q url.Values, name string, v *hindsight.ValidationError) bool {
	s := q.Get(name)
	b, err := strconv.ParseBool(s)
	if s != "" && err != nil {
		v.Add(name, "must be true or false")
	}
	return b
}

// queryTime reads a time parameter; a bare day as an upper bound means the
// end of that day.
func queryTime(q url.Values, name string, upper bool, v *hindsight.ValidationError) *time.Time {
	s := q.Get(name)
	if s == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		t = t.UTC()
		return &t
	}
	d, err := hindsight.ParseDate(s)
	if err != nil {
		v.Add(name, "%q is not a date like 2026-03-10 or a time like 2026-03-10T09:42:00Z", s)
		return nil
	}
	t := d.Time()
	if upper {
		t = t.AddDate(0, 0, 1)
	}
	return &t
}

// Audit reads the audit log's action=&actor=&from=&to=&limit=&cursor=;
// an action ending in "." matches every action it starts ("user.").
func Audit(q url.Values) (hindsight.AuditFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.AuditFilter{Action: q.Get("action"), Actor: q.Get("actor"), Cursor: q.Get("cursor")}
	f.Limit = limitParam(q, v)
	f.From = queryTime(q, "from", false, v)
	f.To = queryTime(q, "to", true, v)
	return f, v.OrNil()
}

// Window reads limit=&cursor= of a list computed whole and served a page at
// a time, such as late meetings: the cursor is the offset of the page.
func Window(q url.Values) (limit, offset int, err error) {
	v := &hindsight.ValidationError{}
	if limit = limitParam(q, v); limit == 0 {
		limit = hindsight.DefaultPageSize
	}
	if c := q.Get("cursor"); c != "" {
		if offset, err = strconv.Atoi(c); err != nil || offset < 0 {
			v.Add("cursor", "is not a cursor this list gave")
		}
	}
	return limit, offset, v.OrNil()
}
