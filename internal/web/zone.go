package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The reader's zone lives in two cookies: "tz" holds an IANA zone name and
// "tzpin" says the reader chose it by hand, so the page script, which
// otherwise keeps "tz" at the browser's zone, leaves it alone.
const (
	zoneCookie = "tz"
	pinCookie  = "tzpin"
)

// zoneOf is the reader's time zone: the "tz" cookie, or UTC when there is
// none or it names no zone. Times are stored in UTC and shown in the
// reader's zone. The value is decoded if a script stored it URL-encoded
// ("Europe%2FBerlin"), as earlier versions of the page script did.
func zoneOf(r *http.Request) *time.Location {
	c, err := r.Cookie(zoneCookie)
	if err != nil {
		return time.UTC
	}
	return loadZone(c.Value)
}

// loadZone reads an IANA zone name, URL-encoded or not; UTC when it names
// no zone.
func loadZone(name string) *time.Location {
	if dec, err := url.QueryUnescape(name); err == nil {
		name = dec
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// formZone is the zone a submitted form's times were typed in: the form
// carries it, so a form filled in one zone is read in that zone even if
// the reader's zone changed meanwhile.
func formZone(r *http.Request) *time.Location {
	if name := r.PostFormValue("tz"); name != "" {
		return loadZone(name)
	}
	return zoneOf(r)
}
