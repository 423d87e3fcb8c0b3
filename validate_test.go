package hindsight

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func ts(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func validPostMortem() *PostMortem {
	due := Date{2026, 4, 1}
	p := &PostMortem{
		Title:    "Checkout payments timed out",
		Severity: "SEV2",
		Tags:     []string{"payments"},
		Incident: Incident{
			StartedAt:  ts("2026-03-10T09:42:00Z"),
			DetectedAt: ts("2026-03-10T09:58:00Z"),
			EndedAt:    ts("2026-03-10T11:05:00Z"),
		},
		Events:          []Event{{At: ts("2026-03-10T09:40:00Z"), Text: "Config deployed", Kind: EventAction}},
		Countermeasures: []Countermeasure{{Title: "Alert on pool saturation", Owner: "Priya", Due: &due, Priority: P2, Kind: KindDetect}},
		Stakeholders:    []Stakeholder{{Name: "Priya Raman", Email: "priya@example.com", Roles: []Role{RoleResponded}}},
		BugTickets:      []BugTicket{{Ref: "PAY-1423", URL: "https://tracker.example.com/PAY-1423"}},
	}
	p.Normalize()
	return p
}

func TestValidateAcceptsAValidPostMortem(t *testing.T) {
	t.Parallel()
	if err := validPostMortem().Validate(DefaultPolicy()); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

// TestValidateNamesEveryInvalidField checks each rule names the field by its
// JSON path, which forms and API clients rely on to place the message.
func TestValidateNamesEveryInvalidField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(p *PostMortem)
		field string
		msg   string
	}{
		{"missing title", func(p *PostMortem) { p.Title = "" }, "title", "required"},
		{"long title", func(p *PostMortem) { p.Title = strings.Repeat("x", MaxTitleLen+1) }, "title", "too long"},
		{"unknown status", func(p *PostMortem) { p.Status = "closed" }, "status", `"closed"`},
		{"unknown severity", func(p *PostMortem) { p.Severity = "SEV9" }, "severity", "SEV1, SEV2"},
		{"end before start", func(p *PostMortem) { p.Incident.EndedAt = ts("2026-03-10T09:00:00Z") }, "incident.ended_at", "before the incident started"},
		{"detect before start", func(p *PostMortem) { p.Incident.DetectedAt = ts("2026-03-10T09:00:00Z") }, "incident.detected_at", "before the incident started"},
		{"unlabelled extra time", func(p *PostMortem) {
			p.Incident.AdditionalTimes = []LabelledTime{{At: *ts("2026-03-10T10:00:00Z")}}
		}, "incident.additional_times[0].label", "required"},
		{"extra time without time", func(p *PostMortem) {
			p.Incident.AdditionalTimes = []LabelledTime{{Label: "Hotfix"}}
		}, "incident.additional_times[0].at", "required"},
		{"event without text", func(p *PostMortem) { p.Events = append(p.Events, Event{At: ts("2026-03-10T10:00:00Z")}) }, "events[1].text", "required"},
		{"unknown event kind", func(p *PostMortem) { p.Events[0].Kind = "guess" }, "events[0].kind", `"guess"`},
		{"ticket without ref", func(p *PostMortem) { p.BugTickets = append(p.BugTickets, BugTicket{}) }, "bug_tickets[1].ref", "required"},
		{"ticket url not http", func(p *PostMortem) { p.BugTickets[0].URL = "javascript:alert(1)" }, "bug_tickets[0].url", "http"},
		{"empty why", func(p *PostMortem) { p.Whys = []Why{{}} }, "whys[0].question", "required"},
		{"countermeasure without title", func(p *PostMortem) { p.Countermeasures[0].Title = "" }, "countermeasures[0].title", "required"},
		{"unknown priority", func(p *PostMortem) { p.Countermeasures[0].Priority = "P0" }, "countermeasures[0].priority", "P1, P2"},
		{"unknown cm status", func(p *PostMortem) { p.Countermeasures[0].Status = "later" }, "countermeasures[0].status", `"later"`},
		{"duplicate cm id", func(p *PostMortem) {
			p.Countermeasures = append(p.Countermeasures, p.Countermeasures[0])
		}, "countermeasures[1].id", "repeats"},
		{"stakeholder without name", func(p *PostMortem) { p.Stakeholders[0].Name = "" }, "stakeholders[0].name", "required"},
		{"bad email", func(p *PostMortem) { p.Stakeholders[0].Email = "priya at example" }, "stakeholders[0].email", "email"},
		{"unknown role", func(p *PostMortem) { p.Stakeholders[0].Roles = []Role{"blamed"} }, "stakeholders[0].roles[0]", `"blamed"`},
		{"tag with comma", func(p *PostMortem) { p.Tags = []string{"a,b"} }, "tags[0]", "comma"},
		{"invalid utf-8", func(p *PostMortem) { p.Summary = "ok \xff" }, "summary", "UTF-8"},
		{"section without heading", func(p *PostMortem) { p.OtherSections = []Section{{Body: "x"}} }, "other_sections[0].heading", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := validPostMortem()
			tt.edit(p)
			err := p.Validate(DefaultPolicy())
			var v *ValidationError
			if !errors.As(err, &v) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate = %v, want a ValidationError", err)
			}
			for _, f := range v.Fields {
				if f.Field == tt.field {
					if !strings.Contains(f.Message, tt.msg) {
						t.Errorf("%s: message %q does not say %q", f.Field, f.Message, tt.msg)
					}
					return
				}
			}
			t.Errorf("no error for %s; got %v", tt.field, v.Fields)
		})
	}
}

func TestValidateReportsAllFieldsAtOnce(t *testing.T) {
	t.Parallel()
	p := validPostMortem()
	p.Title = ""
	p.Severity = "nope"
	p.Incident.EndedAt = ts("2026-03-01T00:00:00Z")
	var v *ValidationError
	if !errors.As(p.Validate(DefaultPolicy()), &v) || len(v.Fields) != 3 {
		t.Fatalf("want 3 field errors, got %v", v)
	}
}

func TestValidateUsesConfiguredSeverities(t *testing.T) {
	t.Parallel()
	p := validPostMortem()
	p.Severity = "critical"
	pol := DefaultPolicy()
	if p.Validate(pol) == nil {
		t.Fatal("critical accepted under the default set")
	}
	pol.Severities = []string{"critical", "major", "minor"}
	if err := p.Validate(pol); err != nil {
		t.Fatalf("critical refused under a set that has it: %v", err)
	}
}
