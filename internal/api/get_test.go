package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"hindsight"
)

// TestGetConditionalAndCached reads a post-mortem the ways a client does:
// compact JSON unless ?pretty=1, 304 for the copy it holds, the new
// version at once after an edit although the old one was served from
// memory, and nothing of a restricted one for a reader without access,
// however often its author read it.
func TestGetConditionalAndCached(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		p, _ := c.create(`{"title": "Pool exhausted", "summary": "Workers waited.", "access": {"restricted": true}}`)
		path := "/api/v1/postmortems/" + p.ID
		first := c.do("GET", path, "", nil)
		if first.status != 200 || first.header.Get("ETag") != `"1"` || bytes.Contains(first.body, []byte("\n  ")) {
			t.Fatalf("plain read: %d %q %s", first.status, first.header.Get("ETag"), first.body)
		}
		again := c.do("GET", path, "", nil)
		if !bytes.Equal(again.body, first.body) {
			t.Fatalf("a second read differs:\n%s\n%s", first.body, again.body)
		}
		pretty := c.do("GET", path+"?pretty=1", "", nil)
		if !bytes.Contains(pretty.body, []byte("\n  \"title\": \"Pool exhausted\"")) {
			t.Fatalf("?pretty=1 is not indented: %s", pretty.body)
		}
		if res := c.do("GET", path, "", nil, "If-None-Match", `"1"`); res.status != http.StatusNotModified || len(res.body) != 0 {
			t.Fatalf("conditional read of the current version: %d %s", res.status, res.body)
		}
		updated := strings.Replace(string(first.body), `"title":"Pool exhausted"`, `"title":"Pool exhausted again"`, 1)
		if res := c.do("PUT", path, "application/json", []byte(updated), "If-Match", `"1"`); res.status != 200 {
			t.Fatalf("update: %d %s", res.status, res.body)
		}
		if res := c.do("GET", path, "", nil, "If-None-Match", `"1"`); res.status != 200 || !bytes.Contains(res.body, []byte(`"title":"Pool exhausted again"`)) {
			t.Fatalf("read after an edit: %d %s", res.status, res.body)
		}
		outsider := c.as(c.tokenFor("Out Sider", hindsight.Editor))
		outsider.do("GET", path, "", nil).problem(t, 404, "")
		outsider.do("GET", path, "", nil, "If-None-Match", `"2"`).problem(t, 404, "")
	})
}
