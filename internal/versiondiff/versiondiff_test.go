package versiondiff

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"hindsight"
)

func spans(ss []Span) string {
	var b strings.Builder
	for _, s := range ss {
		switch s.Op {
		case Delete:
			b.WriteString("[-" + s.Text + "-]")
		case Insert:
			b.WriteString("{+" + s.Text + "+}")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestWords(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"The pool was lowered to 8.", "The pool was lowered from 64 to 8.", "The pool was lowered {+from 64 +}to 8."},
		{"Restart the gateway", "Restart the payment gateway", "Restart the {+payment +}gateway"},
		{"alerts fired late", "alerts fired early", "alerts fired [-late-]{+early+}"},
		{"", "new text", "{+new text+}"},
		{"old text", "", "[-old text-]"},
		{"Zeitüberschreitung bei Zahlungen", "Zeitüberschreitung bei Karten", "Zeitüberschreitung bei [-Zahlungen-]{+Karten+}"},
	} {
		if got := spans(Words(tc.a, tc.b)); got != tc.want {
			t.Errorf("Words(%q, %q) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
	if Words("same", "same")[0].Op != Equal {
		t.Error("equal texts are not one equal span")
	}
}

// TestWordsManyDistinctWords crosses the surrogate range of the runes
// words are mapped to: every word must come back as itself.
func TestWordsManyDistinctWords(t *testing.T) {
	var a, b []string
	for i := range 60000 {
		w := "w" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strconv.Itoa(i)
		a = append(a, w)
		if i%1000 != 0 {
			b = append(b, w)
		}
	}
	got := Words(strings.Join(a, " "), strings.Join(b, " "))
	var old, cur strings.Builder
	for _, s := range got {
		if s.Op != Insert {
			old.WriteString(s.Text)
		}
		if s.Op != Delete {
			cur.WriteString(s.Text)
		}
	}
	if old.String() != strings.Join(a, " ") || cur.String() != strings.Join(b, " ") {
		t.Fatal("the word diff does not rebuild both texts")
	}
}

func at(s string) *time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return &t
}

func TestCompare(t *testing.T) {
	a := &hindsight.PostMortem{Version: 1, Title: "Checkout timeouts", Status: hindsight.StatusDraft,
		Incident: hindsight.Incident{StartedAt: at("2026-03-10T09:42:00Z")},
		Events: []hindsight.Event{
			{At: at("2026-03-10T09:40:00Z"), Text: "Pool size lowered"},
			{At: at("2026-03-10T09:58:00Z"), Text: "Alert pages on-call"},
			{At: at("2026-03-10T10:30:00Z"), Text: "Rolled back"},
		},
		Countermeasures: []hindsight.Countermeasure{{ID: "c1", Title: "Add alert", Status: hindsight.CMOpen}, {ID: "c2", Title: "Review config"}},
		Stakeholders:    []hindsight.Stakeholder{{Name: "Priya", Email: "priya@example.com", Roles: []hindsight.Role{hindsight.RoleResponded}}},
	}
	b := &hindsight.PostMortem{Version: 3, Title: "Checkout payment timeouts", Status: hindsight.StatusInReview,
		Incident: hindsight.Incident{StartedAt: at("2026-03-10T09:40:00Z"), EndedAt: at("2026-03-10T11:05:00Z")},
		Events: []hindsight.Event{
			{At: at("2026-03-10T09:40:00Z"), Text: "Pool size lowered"},
			{At: at("2026-03-10T09:58:00Z"), Text: "Alert pages the on-call engineer"},
			{At: at("2026-03-10T10:47:00Z"), Text: "Hotfix deployed"},
			{At: at("2026-03-10T11:05:00Z"), Text: "Error rate back to normal"},
		},
		Countermeasures: []hindsight.Countermeasure{{ID: "c1", Title: "Add saturation alert", Status: hindsight.CMDone}, {ID: "c3", Title: "Load test"}},
		Stakeholders:    []hindsight.Stakeholder{{Name: "Priya Raman", Email: "Priya@example.com", Roles: []hindsight.Role{hindsight.RoleResponded, hindsight.RoleDiagnosed}}},
	}
	d := Compare(a, b, func(t time.Time) string { return t.Format("15:04") })
	got := map[string][]string{}
	for _, s := range d.Sections {
		for _, it := range s.Items {
			for _, f := range it.Fields {
				line := it.Change + " " + it.Label + " " + f.Field + ": " + f.From + " → " + f.To
				if f.Words != nil {
					line = it.Change + " " + it.Label + " " + f.Field + ": " + spans(f.Words)
				}
				got[s.Label] = append(got[s.Label], strings.TrimSpace(line))
			}
		}
	}
	want := map[string][]string{
		"Post-mortem":    {"changed  title: Checkout {+payment +}timeouts", "changed  status: draft → in review"},
		"Incident times": {"changed  incident.started_at: 09:42 → 09:40", "changed  incident.ended_at:  → 11:05"},
		"What happened": {
			"changed Event at 09:58 events[1].text: Alert pages {+the +}on-call{+ engineer+}",
			"changed Event at 10:47 events[2].at: 10:30 → 10:47",
			"changed Event at 10:47 events[2].text: [-Rolled back-]{+Hotfix deployed+}",
			"added Event at 11:05 events[3].at:  → 11:05",
			"added Event at 11:05 events[3].text: {+Error rate back to normal+}",
		},
		"Countermeasures": {
			"changed “Add saturation alert” countermeasures[0].title: Add {+saturation +}alert",
			"changed “Add saturation alert” countermeasures[0].status: open → done",
			"added “Load test” countermeasures[1].title: {+Load test+}",
			"removed “Review config” countermeasures[1].title: [-Review config-]",
		},
		"Stakeholders": {
			"changed Priya Raman stakeholders[0].name: Priya → Priya Raman",
			"changed Priya Raman stakeholders[0].email: priya@example.com → Priya@example.com",
			"changed Priya Raman stakeholders[0].roles: responded{+, diagnosed+}",
		},
	}
	if len(got) != len(want) {
		t.Errorf("sections %v, want %v", keys(got), keys(want))
	}
	for sec, lines := range want {
		if strings.Join(got[sec], "\n") != strings.Join(lines, "\n") {
			t.Errorf("%s:\n%s\nwant\n%s", sec, strings.Join(got[sec], "\n"), strings.Join(lines, "\n"))
		}
	}
	if d.From != 1 || d.To != 3 {
		t.Errorf("versions %d → %d", d.From, d.To)
	}
	if same := Compare(a, a, time.Time.String); len(same.Sections) != 0 {
		t.Errorf("a version compared with itself: %+v", same.Sections)
	}
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
