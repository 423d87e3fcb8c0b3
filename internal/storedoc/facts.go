package storedoc

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hindsight"
)

// Countermeasure facts travel from the database packed into one string
// per post-mortem — each countermeasure's kind, status, due date and
// done-at time in Unix microseconds, fields split by FactField and
// countermeasures by FactSep — so insights over every post-mortem read
// one row per post-mortem, not one per countermeasure.
const (
	FactField = "\x1f"
	FactSep   = "\x1e"
)

// ParseCountermeasureFacts unpacks what a store's facts query packed.
func ParseCountermeasureFacts(packed string) ([]hindsight.CountermeasureFact, error) {
	if packed == "" {
		return nil, nil
	}
	out := make([]hindsight.CountermeasureFact, 0, strings.Count(packed, FactSep)+1)
	for item := range strings.SplitSeq(packed, FactSep) {
		f := strings.Split(item, FactField)
		if len(f) != 4 {
			return nil, fmt.Errorf("countermeasure facts %q: want 4 fields, got %d", item, len(f))
		}
		c := hindsight.CountermeasureFact{Kind: hindsight.CountermeasureKind(f[0]), Status: hindsight.CountermeasureStatus(f[1])}
		if f[2] != "" {
			d, err := hindsight.ParseDate(f[2])
			if err != nil {
				return nil, fmt.Errorf("countermeasure due: %w", err)
			}
			c.Due = &d
		}
		if f[3] != "" {
			us, err := strconv.ParseInt(f[3], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("countermeasure done at %q: %w", f[3], err)
			}
			t := time.UnixMicro(us).UTC()
			c.DoneAt = &t
		}
		out = append(out, c)
	}
	return out, nil
}
