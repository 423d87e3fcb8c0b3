package web

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"hindsight"
)

// cmHistoryData is what a countermeasure shows of its own history: who
// moved it to done and when, who last verified it still works, and every
// status change and check, oldest first.
type cmHistoryData struct {
	Done, Verified string
	Lines          []string
}

// cmHistory lays out a countermeasure's history in the reader's zone.
func cmHistory(c hindsight.Countermeasure, loc *time.Location) cmHistoryData {
	var d cmHistoryData
	at := func(t time.Time) string { return whenFmt(&t, loc, "2 Jan 2006 15:04") }
	by := func(s string) string {
		if s == "" {
			return "someone"
		}
		return s
	}
	if c.Status == hindsight.CMDone {
		if ch := c.DoneBy(); ch != nil {
			d.Done = "done " + at(ch.At) + " by " + by(ch.By)
		} else if c.DoneAt != nil {
			d.Done = "done " + at(*c.DoneAt)
		}
	}
	if n := len(c.Verifications); n > 0 {
		v := c.Verifications[n-1]
		d.Verified = "verified " + at(v.At) + " by " + by(v.By)
	}
	type line struct {
		at   time.Time
		text string
	}
	var lines []line
	for _, ch := range c.StatusChanges {
		text := "set to " + strings.ReplaceAll(string(ch.To), "_", " ")
		if ch.From != "" {
			text = "moved from " + strings.ReplaceAll(string(ch.From), "_", " ") + " to " + strings.ReplaceAll(string(ch.To), "_", " ")
		}
		lines = append(lines, line{ch.At, at(ch.At) + " — " + by(ch.By) + " " + text})
	}
	for _, v := range c.Verifications {
		text := at(v.At) + " — " + by(v.By) + " verified it still takes effect"
		if v.Note != "" {
			text += ": " + v.Note
		}
		lines = append(lines, line{v.At, text})
	}
	slices.SortStableFunc(lines, func(a, b line) int { return cmp.Compare(a.at.UnixNano(), b.at.UnixNano()) })
	for _, l := range lines {
		d.Lines = append(d.Lines, l.text)
	}
	return d
}
