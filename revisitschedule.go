package hindsight

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// RevisitSchedule is when a published post-mortem is due to be looked at
// again, as offsets from its first publishing, by severity. The guide:
// "revisit post-mortems from time to time" — are the countermeasures done,
// still working, has it happened again, what was learned since.
type RevisitSchedule struct {
	BySeverity map[string][]time.Duration
	// Default covers severities the map does not name.
	Default []time.Duration
}

// DefaultRevisits is 30 and 90 days for SEV1 and SEV2, 90 for the rest.
const DefaultRevisits = "SEV1,SEV2=30d+90d;*=90d"

// ParseRevisits reads "SEV1,SEV2=30d+90d;*=90d": per severities, the
// offsets joined by "+"; "*" for every other severity. "none" means no
// revisits.
func ParseRevisits(s string) (RevisitSchedule, error) {
	out := RevisitSchedule{BySeverity: map[string][]time.Duration{}}
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return out, nil
	}
	for _, part := range strings.Split(s, ";") {
		sevs, offsets, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || strings.TrimSpace(sevs) == "" {
			return out, fmt.Errorf("%q is not like SEV1,SEV2=30d+90d", part)
		}
		var ds []time.Duration
		for _, o := range strings.Split(offsets, "+") {
			d, err := ParseDays(strings.TrimSpace(o))
			if err != nil || d <= 0 {
				return out, fmt.Errorf("%q: %q is not a positive number of days like 30d", part, o)
			}
			ds = append(ds, d)
		}
		slices.Sort(ds)
		for _, sev := range strings.Split(sevs, ",") {
			if sev = strings.TrimSpace(sev); sev == "*" {
				out.Default = ds
			} else if sev != "" {
				out.BySeverity[sev] = ds
			}
		}
	}
	return out, nil
}

// For is the offsets for a severity.
func (r RevisitSchedule) For(severity string) []time.Duration {
	if ds, ok := r.BySeverity[severity]; ok {
		return ds
	}
	return r.Default
}

func mustRevisits(s string) RevisitSchedule {
	r, err := ParseRevisits(s)
	if err != nil {
		panic(err)
	}
	return r
}
