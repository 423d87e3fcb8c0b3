package filter

import (
	"net/url"
	"testing"
	"time"

	"hindsight"
)

func TestList(t *testing.T) {
	t.Parallel()
	q, _ := url.ParseQuery("q=deploy&tag=db&severity=SEV1&status=draft&from=2026-03-01&to=2026-03-31&limit=10&cursor=c")
	f, err := List(q)
	if err != nil {
		t.Fatal(err)
	}
	if f.Q != "deploy" || f.Tag != "db" || f.Severity != "SEV1" || f.Status != hindsight.StatusDraft || f.Limit != 10 || f.Cursor != "c" {
		t.Fatalf("filter %+v", f)
	}
	if !f.From.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) || !f.To.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("a bare day as upper bound must include the day: %v %v", f.From, f.To)
	}
	_, err = List(url.Values{"limit": {"0"}, "from": {"soon"}})
	v, ok := err.(*hindsight.ValidationError)
	if !ok || len(v.Fields) != 2 || v.Fields[0].Field != "limit" || v.Fields[1].Field != "from" {
		t.Fatalf("every bad parameter must be named: %v", err)
	}
}

func TestCountermeasures(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	f, err := Countermeasures(url.Values{"overdue": {"true"}, "reverify": {"1"}, "owner": {"Mei"}}, hindsight.DefaultPolicy(), now)
	if err != nil || !f.Overdue || f.ReverifyBefore == nil || !f.ReverifyBefore.Equal(now.Add(-90*24*time.Hour)) || f.Owner != "Mei" || !f.Now.Equal(now) {
		t.Fatalf("%+v %v", f, err)
	}
	if _, err := Countermeasures(url.Values{"overdue": {"maybe"}}, hindsight.DefaultPolicy(), now); err == nil {
		t.Fatal("overdue=maybe accepted")
	}
}

func TestFacts(t *testing.T) {
	t.Parallel()
	f, err := Facts(url.Values{"from": {"2026-03-10T09:42:00+02:00"}, "severity": {"SEV2"}})
	if err != nil || !f.From.Equal(time.Date(2026, 3, 10, 7, 42, 0, 0, time.UTC)) || f.From.Location() != time.UTC || f.Severity != "SEV2" {
		t.Fatalf("%+v %v", f, err)
	}
}
