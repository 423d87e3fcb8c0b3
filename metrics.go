package hindsight

import "time"

// ComputeMetrics derives the durations from the recorded times. The guide
// wants KPIs such as MTTR measured, never typed in, and a missing time must
// stay missing rather than count as zero.
func (p *PostMortem) ComputeMetrics() Metrics {
	in := p.Incident
	return Metrics{
		TimeToDetectSeconds:     between(in.StartedAt, in.DetectedAt),
		TimeToResolveSeconds:    between(in.StartedAt, in.EndedAt),
		TimeToPostmortemSeconds: between(in.EndedAt, p.Meeting.Date),
	}
}

func between(from, to *time.Time) *int64 {
	if from == nil || to == nil {
		return nil
	}
	s := int64(to.Sub(*from) / time.Second)
	return &s
}
