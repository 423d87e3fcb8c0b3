package web

import (
	"net/url"
	"testing"
	"time"
)

func TestParseClock(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"9:42": "09:42", "09:42": "09:42", "0942": "09:42", "942": "09:42", "9.42": "09:42", "21h05": "21:05", "7": "07:00", " 23:59 ": "23:59"} {
		h, m, ok := parseClock(in)
		if got := time.Date(0, 1, 1, h, m, 0, 0, time.UTC).Format("15:04"); !ok || got != want {
			t.Errorf("parseClock(%q) = %s %v, want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "24:00", "9:60", "9:5", "noon", "12345", "-1:00"} {
		if _, _, ok := parseClock(in); ok {
			t.Errorf("parseClock(%q) accepted", in)
		}
	}
}

// TestFormTimesTakeTheirDay types only times of day for an incident that
// runs past midnight in Berlin: detected and ended follow the start,
// events follow the event before them, and a typed day wins.
func TestFormTimesTakeTheirDay(t *testing.T) {
	t.Parallel()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	form := url.Values{
		"incident.started_at_day": {"2026-03-10"}, "incident.started_at_time": {"23:40"},
		"incident.detected_at_time": {"2350"}, "incident.ended_at_time": {"0:30"},
		"incident.additional_times.0.label": {"Hotfix"}, "incident.additional_times.0.at_time": {"00:20"},
		"events.0.at_time": {"23:45"}, "events.0.text": {"a"},
		"events.1.at_time": {"00:10"}, "events.1.text": {"b"},
		"events.2.at_time": {"23:50"}, "events.2.text": {"c, typed after b but earlier"},
		"events.3.at_time": {"08:00"}, "events.3.at_day": {"2026-03-09"}, "events.3.text": {"d, a day typed"},
		"meeting.date_day": {"2026-03-12"}, "meeting.date_time": {"15:00"},
	}
	p, fp := parseForm(form, berlin)
	if len(fp.errors) > 0 {
		t.Fatalf("errors: %v", fp.errors)
	}
	at := func(day, clock string) time.Time {
		v, _ := time.ParseInLocation("2006-01-02 15:04", day+" "+clock, berlin)
		return v
	}
	checks := []struct {
		name string
		got  *time.Time
		want time.Time
	}{
		{"start", p.Incident.StartedAt, at("2026-03-10", "23:40")},
		{"detected", p.Incident.DetectedAt, at("2026-03-10", "23:50")},
		{"ended", p.Incident.EndedAt, at("2026-03-11", "00:30")},
		{"hotfix", &p.Incident.AdditionalTimes[0].At, at("2026-03-11", "00:20")},
		{"event a", p.Events[0].At, at("2026-03-10", "23:45")},
		{"event b", p.Events[1].At, at("2026-03-11", "00:10")},
		{"event c", p.Events[2].At, at("2026-03-10", "23:50")},
		{"event d", p.Events[3].At, at("2026-03-09", "08:00")},
		{"meeting", p.Meeting.Date, at("2026-03-12", "15:00")},
	}
	for _, c := range checks {
		if c.got == nil || !c.got.Equal(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestFormTimeErrors names what is missing or unreadable and keeps what
// was typed.
func TestFormTimeErrors(t *testing.T) {
	t.Parallel()
	form := url.Values{
		"incident.started_at_time": {"09:42"},
		"incident.ended_at_day":    {"2026-03-10"},
		"meeting.date_day":         {"2026-03-12"}, "meeting.date_time": {"3pm"},
	}
	_, fp := parseForm(form, time.UTC)
	for name, want := range map[string]string{
		"incident.started_at": "needs a day: there is no incident start to take it from",
		"incident.ended_at":   "needs a time of day, like 09:42",
		"meeting.date":        "is not a time of day like 09:42",
	} {
		if fp.errors[name] != want {
			t.Errorf("%s: %q, want %q", name, fp.errors[name], want)
		}
	}
	if fp.raw["meeting.date_time"] != "3pm" || fp.raw["incident.ended_at_day"] != "2026-03-10" {
		t.Errorf("what was typed is not kept: %v", fp.raw)
	}
}
