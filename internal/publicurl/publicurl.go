// Package publicurl works out the address links in feeds, mail and pages
// are made absolute with.
package publicurl

import (
	"net/http"
	"strings"
)

// Of is the instance's configured public address (HINDSIGHT_BASE_URL),
// or, when none is configured, the address the request came to.
func Of(r *http.Request, configured string) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
