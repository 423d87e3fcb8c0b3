package insights

import (
	"strings"
	"testing"
	"time"

	"hindsight"
)

func at(s string) *time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return &t
}

func TestCompute(t *testing.T) {
	now := *at("2026-05-01T00:00:00Z")
	due := func(s string) *hindsight.Date { d, _ := hindsight.ParseDate(s); return &d }
	facts := []hindsight.IncidentFacts{
		{Severity: "SEV1", StartedAt: at("2026-01-10T10:00:00Z"), DetectedAt: at("2026-01-10T10:10:00Z"), EndedAt: at("2026-01-10T11:00:00Z"), MeetingDate: at("2026-01-12T11:00:00Z"),
			Countermeasures: []hindsight.CountermeasureFact{
				{Kind: hindsight.KindDetect, Status: hindsight.CMDone, Due: due("2026-01-20"), DoneAt: at("2026-01-19T00:00:00Z")},  // done by target
				{Kind: hindsight.KindPrevent, Status: hindsight.CMDone, Due: due("2026-01-20"), DoneAt: at("2026-02-01T00:00:00Z")}, // done late
				{Kind: hindsight.KindPrevent, Status: hindsight.CMOpen, Due: due("2026-03-01")},                                     // overdue
				{Kind: hindsight.KindProcess, Status: hindsight.CMWontDo, Due: due("2026-03-01")},                                   // left out
			}},
		{Severity: "SEV2", StartedAt: at("2026-01-20T10:00:00Z"), DetectedAt: at("2026-01-20T10:30:00Z"), EndedAt: at("2026-01-20T13:00:00Z")},
		{Severity: "SEV2", StartedAt: at("2026-03-05T10:00:00Z"), EndedAt: at("2026-03-05T10:20:00Z"),
			Countermeasures: []hindsight.CountermeasureFact{{Kind: hindsight.KindDetect, Status: hindsight.CMInProgress, Due: due("2026-06-01")}}},
	}
	r := Compute(facts, []string{"SEV1", "SEV2", "SEV3"}, now)
	tot := r.Total
	if tot.Incidents != 3 || tot.BySeverity[0] != (SeverityCount{"SEV1", 1}) || tot.BySeverity[1] != (SeverityCount{"SEV2", 2}) || tot.BySeverity[2] != (SeverityCount{"SEV3", 0}) {
		t.Errorf("by severity %+v", tot.BySeverity)
	}
	// Detect: 10 min and 30 min recorded, the third has no detect time.
	if d := tot.TimeToDetect; d.Count != 2 || d.Of != 3 || *d.MeanSeconds != 1200 || *d.MedianSeconds != 1200 {
		t.Errorf("time to detect %+v", d)
	}
	// Resolve: 60, 180 and 20 minutes: mean 86.67 min, median 60 min.
	if d := tot.TimeToResolve; d.Count != 3 || int(*d.MeanSeconds) != 5200 || *d.MedianSeconds != 3600 {
		t.Errorf("time to resolve %+v mean %v", d, *d.MeanSeconds)
	}
	if d := tot.TimeToMeeting; d.Count != 1 || d.Of != 3 || *d.MeanSeconds != 48*3600 {
		t.Errorf("time to post-mortem %+v", d)
	}
	cm := tot.Countermeasures
	if cm.Opened != 4 || cm.Done != 2 || cm.Overdue != 1 || cm.WithTargetDue != 3 || cm.DoneByTarget != 1 || *cm.ShareDoneByTarget != 1.0/3 {
		t.Errorf("countermeasures %+v", cm)
	}
	if len(cm.ByKind) != 3 || cm.ByKind[0] != (KindFigs{"prevent", 2, 1}) || cm.ByKind[1] != (KindFigs{"detect", 2, 1}) || cm.ByKind[2] != (KindFigs{"process", 0, 0}) {
		t.Errorf("by kind %+v", cm.ByKind)
	}
	// January, an empty February, March.
	if len(r.Months) != 3 || r.Months[0].Month != "2026-01" || r.Months[0].Incidents != 2 || r.Months[1].Incidents != 0 || r.Months[1].TimeToResolve.MeanSeconds != nil || r.Months[2].Incidents != 1 {
		t.Errorf("months %+v", r.Months)
	}
}

func TestComputeEmptyAndSingle(t *testing.T) {
	r := Compute(nil, []string{"SEV1"}, time.Now())
	if r.Total.Incidents != 0 || len(r.Months) != 0 || r.Total.TimeToResolve.MeanSeconds != nil || r.Total.Countermeasures.ShareDoneByTarget != nil {
		t.Errorf("empty: %+v", r)
	}
	one := Compute([]hindsight.IncidentFacts{{CreatedAt: *at("2026-02-02T00:00:00Z"), Severity: "custom"}}, []string{"SEV1"}, time.Now())
	if len(one.Months) != 1 || one.Months[0].Month != "2026-02" || one.Total.BySeverity[1] != (SeverityCount{"custom", 1}) || one.Total.TimeToDetect.Of != 1 {
		t.Errorf("single: %+v", one)
	}
}

// TestSeveritiesLineUpAcrossMonths: a month whose incidents have a severity
// the others lack (or none) still counts every severity of the report, in
// one order, so the severity chart lines the months up (it once indexed
// past the end when the first month had a post-mortem without severity).
func TestSeveritiesLineUpAcrossMonths(t *testing.T) {
	t.Parallel()
	at := func(s string) *time.Time { v, _ := time.Parse(time.RFC3339, s); return &v }
	facts := []hindsight.IncidentFacts{
		{ID: "a", StartedAt: at("2026-01-05T10:00:00Z")},
		{ID: "b", Severity: "SEV1", StartedAt: at("2026-02-05T10:00:00Z")},
		{ID: "c", Severity: "P0", StartedAt: at("2026-03-05T10:00:00Z")},
	}
	r := Compute(facts, []string{"SEV1", "SEV2"}, time.Now())
	for _, m := range r.Months {
		var names []string
		for _, s := range m.BySeverity {
			names = append(names, s.Severity)
		}
		if strings.Join(names, ",") != "SEV1,SEV2,,P0" {
			t.Fatalf("%s counts %q", m.Month, names)
		}
	}
	if _, err := ChartSVG(r, "severity"); err != nil {
		t.Fatal(err)
	}
}
