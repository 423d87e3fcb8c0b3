package api_test

import (
	"net/http"
	"testing"

	"hindsight"
)

// TestFollowUpAPI reads, revisits, writes a public summary and schedules
// the meeting of a published post-mortem through the API on both engines.
func TestFollowUpAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		rev := c.as(c.tokenFor("Rui Reader", hindsight.Viewer))
		p, _ := c.create(`{"title":"Queue stalled","severity":"SEV3","status":"published","stakeholders":[{"name":"Rui","email":"rui.reader@example.com","roles":["decided"]}]}`)
		id := "/api/v1/postmortems/" + p.ID
		if res := rev.do("POST", id+"/reads", "", nil); res.status != http.StatusNoContent {
			t.Fatalf("record read: %d %s", res.status, res.body)
		}
		var rr hindsight.ReadReceipts
		c.do("GET", id+"/reads", "", nil).json(t, &rr)
		if rr.Total != 1 || rr.Stakeholders != 1 || rr.StakeholdersRead != 1 || len(rr.Readers) != 1 {
			t.Fatalf("reads %+v", rr)
		}
		var rs hindsight.RevisitState
		c.do("GET", id+"/revisits", "", nil).json(t, &rs)
		if !rs.Published || len(rs.Schedule) != 1 {
			t.Fatalf("revisits %+v", rs)
		}
		c.do("POST", id+"/revisits", "application/json", []byte(`{"countermeasures_done":"maybe"}`)).problem(t, http.StatusUnprocessableEntity, "countermeasures_done")
		if res := c.do("POST", id+"/revisits", "application/json", []byte(`{"countermeasures_done":"yes","still_effective":"yes","recurred":"no","learned":"x"}`)); res.status != http.StatusCreated {
			t.Fatalf("revisit: %d %s", res.status, res.body)
		}
		if res := c.do("GET", "/api/v1/revisits/due", "", nil); res.status != http.StatusOK {
			t.Fatalf("due: %d", res.status)
		}
		c.do("PUT", id+"/public-summary", "application/json", []byte(`{"title":"Slow queue","publish":true}`)).problem(t, http.StatusUnprocessableEntity, "customer_impact")
		var ps hindsight.PublicSummary
		res := c.do("PUT", id+"/public-summary", "application/json", []byte(`{"title":"Slow queue","customer_impact":"Delays","timeline":"10:00 to 11:00","actions":"More workers","publish":true}`))
		res.json(t, &ps)
		if res.status != http.StatusOK || ps.PublishedAt == nil || ps.PublicID == "" || ps.PublicID == p.ID {
			t.Fatalf("public summary: %d %s", res.status, res.body)
		}
		rev.do("PUT", id+"/public-summary", "application/json", []byte(`{"title":"x"}`)).problem(t, http.StatusForbidden, "")
		if res := c.do("POST", id+"/meeting", "application/json", []byte(`{"at":"2026-12-01T15:00:00Z","invitees":["rui.reader@example.com"]}`), "If-Match", `"1"`); res.status != http.StatusOK {
			t.Fatalf("meeting: %d %s", res.status, res.body)
		}
		var m hindsight.MeetingState
		rev.do("GET", id+"/meeting", "", nil).json(t, &m)
		if m.Date == nil || len(m.Invitations) != 1 || !m.Coverage[0].Invited {
			t.Fatalf("meeting %+v", m)
		}
		c.do("DELETE", id+"/meeting", "", nil).problem(t, http.StatusPreconditionRequired, "")
		rev.do("DELETE", id+"/meeting", "", nil, "If-Match", `"2"`).problem(t, http.StatusForbidden, "")
		c.do("DELETE", id+"/meeting", "", nil, "If-Match", `"1"`).problem(t, http.StatusPreconditionFailed, "")
		if res := c.do("DELETE", id+"/meeting", "", nil, "If-Match", `"2"`); res.status != http.StatusNoContent {
			t.Fatalf("cancel the meeting: %d %s", res.status, res.body)
		}
		c.do("DELETE", id+"/meeting", "", nil, "If-Match", `"3"`).problem(t, http.StatusUnprocessableEntity, "meeting.date")
		rev.do("GET", id+"/meeting", "", nil).json(t, &m)
		if m.Date != nil || len(m.Invitations) != 0 || m.Coverage[0].Invited {
			t.Fatalf("the meeting after cancelling: %+v", m)
		}
	})
}

// TestFollowingAPI has a reader choose teams and services through the API
// and read their "to read" list, each item saying why.
func TestFollowingAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		rev := c.as(c.tokenFor("Rui Reader", hindsight.Viewer))
		p, _ := c.create(`{"title":"Queue stalled","severity":"SEV3","status":"published","team":"Platform","services":["Queue"]}`)
		var me hindsight.User
		res := rev.do("PATCH", "/api/v1/me", "application/json", []byte(`{"services":["queue"],"weekly_digest":true}`))
		res.json(t, &me)
		if res.status != http.StatusOK || len(me.Services) != 1 || len(me.Teams) != 0 || !me.WeeklyDigest {
			t.Fatalf("patch me: %d %s", res.status, res.body)
		}
		rev.do("PATCH", "/api/v1/me", "application/json", []byte(`{"teams":["a|b"]}`)).problem(t, http.StatusUnprocessableEntity, "teams[0]")
		var list struct {
			Items []hindsight.ToReadItem `json:"items"`
		}
		rev.do("GET", "/api/v1/reading", "", nil).json(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != p.ID || len(list.Items[0].Because) != 1 || list.Items[0].Because[0] != "service Queue" {
			t.Fatalf("to read: %+v", list.Items)
		}
	})
}
