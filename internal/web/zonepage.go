package web

import (
	"net/http"
	"net/url"
	"strings"
)

// zoneData is what the time zone page shows.
type zoneData struct {
	Current string
	Pinned  bool
	Back    string
	Zones   []string
	Error   string
}

// commonZones are offered in the zone picker; any other IANA name may be
// typed.
var commonZones = []string{
	"UTC", "Africa/Cairo", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi",
	"America/Anchorage", "America/Bogota", "America/Chicago", "America/Denver", "America/Halifax",
	"America/Los_Angeles", "America/Mexico_City", "America/New_York", "America/Phoenix", "America/Sao_Paulo",
	"America/Toronto", "America/Vancouver", "Asia/Bangkok", "Asia/Dubai", "Asia/Hong_Kong", "Asia/Jakarta",
	"Asia/Jerusalem", "Asia/Kolkata", "Asia/Manila", "Asia/Seoul", "Asia/Shanghai", "Asia/Singapore",
	"Asia/Tokyo", "Australia/Adelaide", "Australia/Brisbane", "Australia/Perth", "Australia/Sydney",
	"Europe/Amsterdam", "Europe/Athens", "Europe/Berlin", "Europe/Dublin", "Europe/Helsinki", "Europe/Istanbul",
	"Europe/Lisbon", "Europe/London", "Europe/Madrid", "Europe/Moscow", "Europe/Paris", "Europe/Rome",
	"Europe/Stockholm", "Europe/Warsaw", "Europe/Zurich", "Pacific/Auckland", "Pacific/Honolulu",
}

// zonePage lets a reader see and change the zone times are shown and read
// in: follow the browser (the default) or pin a zone.
func (h *Handler) zonePage(w http.ResponseWriter, r *http.Request) {
	_, pinned := r.Cookie(pinCookie)
	d := zoneData{Current: zoneOf(r).String(), Pinned: pinned == nil, Back: safeBack(r.URL.Query().Get("back")), Zones: commonZones}
	h.render(w, r, http.StatusOK, "zone", page{Title: "Time zone", Data: d})
}

// zoneSet pins the zone a reader chose, or goes back to following the
// browser's zone, and returns to the page the reader came from.
func (h *Handler) zoneSet(w http.ResponseWriter, r *http.Request) {
	back := safeBack(r.PostFormValue("back"))
	if r.PostFormValue("follow") != "" {
		http.SetCookie(w, &http.Cookie{Name: pinCookie, Value: "", Path: "/", MaxAge: -1})
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	name := strings.TrimSpace(r.PostFormValue("zone"))
	if loadZone(name).String() != name {
		d := zoneData{Current: zoneOf(r).String(), Back: back, Zones: commonZones, Error: `“` + name + `” is not a time zone; use a name like Europe/Berlin or America/New_York.`}
		h.render(w, r, http.StatusUnprocessableEntity, "zone", page{Title: "Time zone", Data: d})
		return
	}
	year := 365 * 24 * 3600
	http.SetCookie(w, &http.Cookie{Name: zoneCookie, Value: loadZone(name).String(), Path: "/", MaxAge: year, SameSite: http.SameSiteLaxMode})
	http.SetCookie(w, &http.Cookie{Name: pinCookie, Value: "1", Path: "/", MaxAge: year, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// safeBack is a local path to return to, or "/" for anything that would
// leave the site.
func safeBack(s string) string {
	u, err := url.Parse(s)
	if err != nil || s == "" || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(s, "//") {
		return "/"
	}
	return u.RequestURI()
}
