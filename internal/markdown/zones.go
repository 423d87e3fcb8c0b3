package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone names work on machines without a zone database
)

// zoneOffsets are the abbreviations people write after a time ("12:17
// PST"), each meaning its fixed offset from UTC in hours.
var zoneOffsets = map[string]float64{
	"UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4,
	"AKST": -9, "AKDT": -8, "HST": -10, "BRT": -3, "ART": -3,
	"CET": 1, "CEST": 2, "BST": 1, "IST": 5.5, "WEST": 1, "EET": 2, "EEST": 3, "MSK": 3,
	"SGT": 8, "HKT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}

// zoneNames are the generic names that follow daylight saving time: "PT",
// "Pacific", or "PST/PDT" mean whichever the date had.
var zoneNames = map[string]string{
	"PT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles", "PST/PDT": "America/Los_Angeles", "PDT/PST": "America/Los_Angeles",
	"ET": "America/New_York", "EASTERN": "America/New_York", "EST/EDT": "America/New_York", "EDT/EST": "America/New_York",
	"CT": "America/Chicago", "CENTRAL": "America/Chicago", "CST/CDT": "America/Chicago",
	"MT": "America/Denver", "MST/MDT": "America/Denver",
	"CET/CEST": "Europe/Berlin", "GMT/BST": "Europe/London", "AEST/AEDT": "Australia/Sydney",
}

// zoneWord matches one zone as written after a time or in a declaration.
const zoneWord = `(?:[A-Z]{2,4}/[A-Z]{3,4}|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|[A-Z][a-z]+/[A-Z][A-Za-z_]+|[A-Z]{1,4}\b|Pacific|Eastern|Central)`

// lookupZone reads a zone word: an abbreviation, a generic name, an
// offset ("+02:00", "UTC+2") or an IANA name ("Europe/Berlin").
func lookupZone(w string) *time.Location {
	w = strings.TrimSpace(w)
	up := strings.ToUpper(w)
	if h, ok := zoneOffsets[up]; ok {
		if h == 0 {
			return time.UTC
		}
		return time.FixedZone(up, int(h*3600))
	}
	if name, ok := zoneNames[up]; ok {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	if m := offsetRe.FindStringSubmatch(up); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins, _ := strconv.Atoi(m[3])
		off := h*3600 + mins*60
		if m[1] == "-" {
			off = -off
		}
		if off == 0 {
			return time.UTC
		}
		return time.FixedZone(w, off)
	}
	if strings.Contains(w, "/") {
		if loc, err := time.LoadLocation(w); err == nil {
			return loc
		}
	}
	return nil
}

var offsetRe = regexp.MustCompile(`^(?:UTC|GMT)?\s?([+-])(\d{1,2}):?(\d{2})?$`)

// declarationRe finds a zone declared once for the whole document: "All
// times in PST/PDT", "all times are UTC", "Timeline (times in CET)",
// "Time (UTC)" as a table header.
var declarationRe = regexp.MustCompile(`(?i:\b(?:all\s+)?times?\s+(?:are\s+|shown\s+|listed\s+|given\s+|below\s+)*(?:in\s+)?|\(\s*)(` + zoneWord + `)(?:\s*\)|\b)`)

// declaredZone finds the first zone declaration in the lines (outside
// code); it returns the zone and the words that declared it.
func declaredZone(lines []string) (*time.Location, string) {
	inFence := false
	for _, l := range lines {
		if fenceRe.MatchString(l) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		for _, m := range declarationRe.FindAllStringSubmatch(l, -1) {
			if !strings.Contains(strings.ToLower(m[0]), "time") && !isZoneOnly(m[0]) {
				continue
			}
			if loc := lookupZone(m[1]); loc != nil {
				return loc, strings.TrimSpace(m[0])
			}
		}
	}
	return nil, ""
}

// isZoneOnly reports whether a parenthesised declaration holds nothing
// but a zone, like "Timeline (PDT)".
func isZoneOnly(s string) bool {
	s = strings.Trim(strings.TrimSpace(s), "()")
	return s != "" && lookupZone(s) != nil && strings.ToUpper(s) != "Z" && len(s) >= 2
}
