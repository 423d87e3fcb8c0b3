package hindsight

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateJSON(t *testing.T) {
	t.Parallel()
	var d Date
	if err := json.Unmarshal([]byte(`"2026-04-01"`), &d); err != nil || d != (Date{2026, 4, 1}) {
		t.Fatalf("unmarshal: %v %v", d, err)
	}
	if err := json.Unmarshal([]byte(`"2026-04-01T23:30:00-02:00"`), &d); err != nil || d != (Date{2026, 4, 2}) {
		t.Fatalf("RFC 3339 input must reduce to its UTC day: %v %v", d, err)
	}
	for _, bad := range []string{`"2026-13-01"`, `"tomorrow"`, `20260401`} {
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	b, _ := json.Marshal(Date{2026, 4, 1})
	if string(b) != `"2026-04-01"` {
		t.Errorf("marshal = %s", b)
	}
}

func TestOverdue(t *testing.T) {
	t.Parallel()
	due := Date{2026, 4, 1}
	c := Countermeasure{Due: &due, Status: CMOpen}
	if c.Overdue(time.Date(2026, 4, 1, 23, 59, 0, 0, time.UTC)) {
		t.Error("due today is not overdue yet")
	}
	if !c.Overdue(time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC)) {
		t.Error("the day after the target date is overdue")
	}
	c.Status = CMDone
	if c.Overdue(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("done is never overdue")
	}
}
