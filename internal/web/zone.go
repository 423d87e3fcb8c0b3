package web

import (
	"net/http"
	"time"
)

// zoneOf is the reader's time zone: the IANA name the browser's script
// stores in the "tz" cookie, or UTC when there is none. Times are stored in
// UTC and shown in the reader's zone.
func zoneOf(r *http.Request) *time.Location {
	if c, err := r.Cookie("tz"); err == nil {
		if loc, err := time.LoadLocation(c.Value); err == nil {
			return loc
		}
	}
	return time.UTC
}

// formZone is the zone a submitted form's times were typed in: the form
// carries it, so a form filled in one zone is read in that zone.
func formZone(r *http.Request) *time.Location {
	if loc, err := time.LoadLocation(r.PostFormValue("tz")); err == nil && r.PostFormValue("tz") != "" {
		return loc
	}
	return zoneOf(r)
}
