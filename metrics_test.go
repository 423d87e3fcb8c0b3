package hindsight

import "testing"

func TestComputeMetrics(t *testing.T) {
	t.Parallel()
	p := validPostMortem()
	p.Meeting.Date = ts("2026-03-12T14:00:00Z")
	m := p.ComputeMetrics()
	check := func(name string, got *int64, want int64) {
		t.Helper()
		if got == nil || *got != want {
			t.Errorf("%s = %v, want %d", name, got, want)
		}
	}
	check("time to detect", m.TimeToDetectSeconds, 16*60)
	check("time to resolve", m.TimeToResolveSeconds, 83*60)
	check("time to post-mortem", m.TimeToPostmortemSeconds, 2*86400+2*3600+55*60)

	p.Incident.DetectedAt = nil
	p.Meeting.Date = nil
	m = p.ComputeMetrics()
	if m.TimeToDetectSeconds != nil || m.TimeToPostmortemSeconds != nil {
		t.Errorf("a missing time must leave its metric empty, got %+v", m)
	}
}
