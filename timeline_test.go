package hindsight

import (
	"testing"
	"time"
)

func TestSortEvents(t *testing.T) {
	t.Parallel()
	at := func(hhmm string) *time.Time {
		v, err := time.Parse("2006-01-02 15:04", "2026-03-10 "+hhmm)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	ev := func(text string, when *time.Time) Event { return Event{Text: text, At: when} }
	tests := []struct {
		name string
		in   []Event
		want []string
	}{
		{"typed out of order", []Event{ev("c", at("10:58")), ev("a", at("10:40")), ev("b", at("10:42"))}, []string{"a", "b", "c"}},
		{"untimed note follows its event", []Event{ev("alert", at("10:58")), ev("note on alert", nil), ev("deploy", at("10:40"))}, []string{"deploy", "alert", "note on alert"}},
		{"leading untimed stay first", []Event{ev("context", nil), ev("late", at("11:00")), ev("early", at("10:00"))}, []string{"context", "early", "late"}},
		{"same instant keeps order", []Event{ev("x", at("10:00")), ev("y", at("10:00")), ev("w", at("09:00"))}, []string{"w", "x", "y"}},
		{"none timed", []Event{ev("1", nil), ev("2", nil)}, []string{"1", "2"}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			SortEvents(tt.in)
			if len(tt.in) != len(tt.want) {
				t.Fatalf("got %d events, want %d", len(tt.in), len(tt.want))
			}
			for i, e := range tt.in {
				if e.Text != tt.want[i] {
					t.Errorf("event %d is %q, want %q (all: %v)", i, e.Text, tt.want[i], tt.in)
				}
			}
		})
	}
}
