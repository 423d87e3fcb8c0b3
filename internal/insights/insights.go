// Package insights computes how incidents go, from the times post-mortems
// record: how many, how severe, how long to detect, to resolve and to hold
// the post-mortem, and whether countermeasures get done by their target
// date — per month and in total. A post-mortem missing a time is left out
// of that figure and counted, so every figure says what it covers.
package insights

import (
	"maps"
	"slices"
	"sort"
	"time"

	"hindsight"
)

// Report is the figures for a set of post-mortems.
type Report struct {
	Total  Figures `json:"total"`
	Months []Month `json:"months"`
}

// Month is the figures of the incidents that started in one month (UTC).
type Month struct {
	Month string `json:"month"` // "2026-03"
	Figures
}

// Figures are the KPIs of a group of incidents.
type Figures struct {
	Incidents       int                   `json:"incidents"`
	BySeverity      []SeverityCount       `json:"by_severity"`
	TimeToDetect    Duration              `json:"time_to_detect"`
	TimeToResolve   Duration              `json:"time_to_resolve"`
	TimeToMeeting   Duration              `json:"time_to_postmortem"`
	Countermeasures CountermeasureFigures `json:"countermeasures"`
}

// SeverityCount is how many incidents had a severity ("" for none set).
type SeverityCount struct {
	Severity string `json:"severity"`
	Count    int    `json:"count"`
}

// Duration is a mean and median over the incidents that recorded both
// times (Count of Of); nil when none did.
type Duration struct {
	MeanSeconds   *float64 `json:"mean_seconds"`
	MedianSeconds *float64 `json:"median_seconds"`
	Count         int      `json:"count"`
	Of            int      `json:"of"`
}

// CountermeasureFigures follow countermeasures through.
type CountermeasureFigures struct {
	Opened  int `json:"opened"`
	Done    int `json:"done"`
	Overdue int `json:"overdue"`
	// DoneByTarget of WithTargetDue is the share done on or before the
	// target date, among those whose target date has passed or that are
	// done (won't-do ones excluded).
	DoneByTarget      int        `json:"done_by_target"`
	WithTargetDue     int        `json:"with_target_due"`
	ShareDoneByTarget *float64   `json:"share_done_by_target"`
	ByKind            []KindFigs `json:"by_kind"`
}

// KindFigs are countermeasure counts of one kind ("" for none set).
type KindFigs struct {
	Kind   string `json:"kind"`
	Opened int    `json:"opened"`
	Done   int    `json:"done"`
}

// Compute makes the report; severities give the order of BySeverity, now
// decides what is overdue.
func Compute(facts []hindsight.IncidentFacts, severities []string, now time.Time) Report {
	byMonth := map[string][]hindsight.IncidentFacts{}
	for _, f := range facts {
		byMonth[monthOf(f)] = append(byMonth[monthOf(f)], f)
	}
	r := Report{Total: figures(facts, severities, now), Months: []Month{}}
	if len(facts) == 0 {
		return r
	}
	// Every month counts the same severities in the same order — the
	// configured ones and any other the whole report has (none set, an
	// old severity) — so a chart can line the months up.
	all := make([]string, len(r.Total.BySeverity))
	for i, s := range r.Total.BySeverity {
		all[i] = s.Severity
	}
	// Every month from the first to the last, empty ones included, so a
	// chart's time axis has no gaps.
	keys := make([]string, 0, len(byMonth))
	for k := range byMonth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	first, _ := time.Parse("2006-01", keys[0])
	last, _ := time.Parse("2006-01", keys[len(keys)-1])
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		k := m.Format("2006-01")
		r.Months = append(r.Months, Month{Month: k, Figures: figures(byMonth[k], all, now)})
	}
	return r
}

func monthOf(f hindsight.IncidentFacts) string {
	t := f.CreatedAt
	if f.StartedAt != nil {
		t = *f.StartedAt
	}
	return t.UTC().Format("2006-01")
}

func figures(facts []hindsight.IncidentFacts, severities []string, now time.Time) Figures {
	f := Figures{Incidents: len(facts)}
	count := map[string]int{}
	var detect, resolve, meeting []float64
	cm := &f.Countermeasures
	kinds := map[string]*KindFigs{}
	for _, x := range facts {
		count[x.Severity]++
		if d, ok := span(x.StartedAt, x.DetectedAt); ok {
			detect = append(detect, d)
		}
		if d, ok := span(x.StartedAt, x.EndedAt); ok {
			resolve = append(resolve, d)
		}
		if d, ok := span(x.EndedAt, x.MeetingDate); ok {
			meeting = append(meeting, d)
		}
		for _, c := range x.Countermeasures {
			k := kinds[string(c.Kind)]
			if k == nil {
				k = &KindFigs{Kind: string(c.Kind)}
				kinds[string(c.Kind)] = k
			}
			if c.Status == hindsight.CMWontDo {
				continue
			}
			cm.Opened++
			k.Opened++
			if c.Status == hindsight.CMDone {
				cm.Done++
				k.Done++
			}
			if c.Overdue(now) {
				cm.Overdue++
			}
			if c.Due != nil && (c.Status == hindsight.CMDone || c.Due.Before(now)) {
				cm.WithTargetDue++
				if c.Status == hindsight.CMDone && c.DoneAt != nil && !c.Due.Before(*c.DoneAt) {
					cm.DoneByTarget++
				}
			}
		}
	}
	for _, s := range severities {
		f.BySeverity = append(f.BySeverity, SeverityCount{s, count[s]})
		delete(count, s)
	}
	others := slices.Sorted(maps.Keys(count))
	for _, s := range others {
		f.BySeverity = append(f.BySeverity, SeverityCount{s, count[s]})
	}
	f.TimeToDetect = stat(detect, len(facts))
	f.TimeToResolve = stat(resolve, len(facts))
	f.TimeToMeeting = stat(meeting, len(facts))
	if cm.WithTargetDue > 0 {
		share := float64(cm.DoneByTarget) / float64(cm.WithTargetDue)
		cm.ShareDoneByTarget = &share
	}
	for _, k := range kinds {
		cm.ByKind = append(cm.ByKind, *k)
	}
	slices.SortFunc(cm.ByKind, func(a, b KindFigs) int { return kindRank(a.Kind) - kindRank(b.Kind) })
	return f
}

func kindRank(k string) int {
	if i := slices.Index(hindsight.CountermeasureKinds, hindsight.CountermeasureKind(k)); i >= 0 {
		return i
	}
	return len(hindsight.CountermeasureKinds)
}

func span(from, to *time.Time) (float64, bool) {
	if from == nil || to == nil {
		return 0, false
	}
	return to.Sub(*from).Seconds(), true
}

func stat(v []float64, of int) Duration {
	d := Duration{Count: len(v), Of: of}
	if len(v) == 0 {
		return d
	}
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	mean := sum / float64(len(v))
	s := slices.Clone(v)
	slices.Sort(s)
	median := s[len(s)/2]
	if len(s)%2 == 0 {
		median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	d.MeanSeconds, d.MedianSeconds = &mean, &median
	return d
}
