package api_test

import (
	"net/http"
	"testing"
	"time"

	"hindsight"
)

func TestCountermeasureTracker(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		// Written in 2020, when the last one was done: the server stamps
		// the done time, whatever done_at the client sends.
		c.svc.Now = func() time.Time { return time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC) }
		p, _ := c.create(`{"title":"Outage","severity":"SEV1","tags":["db"],"countermeasures":[
			{"title":"Late one","owner":"Priya Raman","priority":"P2","due":"2020-01-01"},
			{"title":"Unowned","priority":"P1","due":"2099-01-01"},
			{"title":"Done long ago","owner":"Jonas","status":"done","due":"2020-01-01","done_at":"2019-01-05T00:00:00Z"}]}`)
		c.svc.Now = time.Now
		if done := p.Countermeasures[2].DoneAt; !done.Equal(time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("done_at %v: a client backdated it", done)
		}
		var page struct {
			Items []struct {
				Title        string `json:"title"`
				PostMortemID string `json:"postmortem_id"`
				Overdue      bool   `json:"overdue"`
				Reverify     bool   `json:"due_for_reverification"`
			} `json:"items"`
		}
		c.do("GET", "/api/v1/countermeasures?overdue=true", "", nil).json(t, &page)
		if len(page.Items) != 1 || page.Items[0].Title != "Late one" || !page.Items[0].Overdue || page.Items[0].PostMortemID != p.ID {
			t.Fatalf("overdue: %+v", page.Items)
		}
		c.do("GET", "/api/v1/countermeasures?owner=priya%20raman&tag=DB&severity=SEV1", "", nil).json(t, &page)
		if len(page.Items) != 1 {
			t.Fatalf("by owner: %+v", page.Items)
		}
		c.do("GET", "/api/v1/countermeasures?sort=priority", "", nil).json(t, &page)
		if len(page.Items) != 3 || page.Items[0].Title != "Unowned" {
			t.Fatalf("by priority: %+v", page.Items)
		}
		c.do("GET", "/api/v1/countermeasures?overdue=maybe", "", nil).problem(t, 400, "overdue")
		c.do("GET", "/api/v1/countermeasures?sort=owner", "", nil).problem(t, 400, "sort")

		// Change a status in place, guarded by the post-mortem's version.
		cm := p.Countermeasures[0].ID
		path := "/api/v1/postmortems/" + p.ID + "/countermeasures/" + cm
		c.do("POST", path+"/status", "application/json", []byte(`{"status":"done"}`)).problem(t, http.StatusPreconditionRequired, "")
		res := c.do("POST", path+"/status", "application/json", []byte(`{"status":"done"}`), "If-Match", `"1"`)
		var updated hindsight.PostMortem
		res.json(t, &updated)
		if res.status != 200 || updated.Countermeasures[0].Status != hindsight.CMDone || updated.Countermeasures[0].DoneAt == nil || res.header.Get("ETag") != `"2"` {
			t.Fatalf("status change: %d %s", res.status, res.body)
		}
		c.do("POST", path+"/status", "application/json", []byte(`{"status":"open"}`), "If-Match", `"1"`).problem(t, http.StatusPreconditionFailed, "")
		c.do("POST", path+"/status", "application/json", []byte(`{"status":"someday"}`), "If-Match", `"2"`).problem(t, 422, "status")

		// "Done long ago" was never verified: due for re-verification.
		c.do("GET", "/api/v1/countermeasures?reverify=true", "", nil).json(t, &page)
		if len(page.Items) != 1 || page.Items[0].Title != "Done long ago" || !page.Items[0].Reverify {
			t.Fatalf("reverify: %+v", page.Items)
		}
		old := p.Countermeasures[2].ID
		res = c.do("POST", "/api/v1/postmortems/"+p.ID+"/countermeasures/"+old+"/verify", "application/json", []byte(`{"note":"Checked in a game day"}`), "If-Match", `"2"`)
		res.json(t, &updated)
		v := updated.Countermeasures[2].Verifications
		if res.status != 200 || len(v) != 1 || v[0].By != "Amara Okafor" || updated.Countermeasures[2].VerifiedAt == nil {
			t.Fatalf("verify: %d %s", res.status, res.body)
		}
		c.do("GET", "/api/v1/countermeasures?reverify=true", "", nil).json(t, &page)
		if len(page.Items) != 0 {
			t.Fatalf("verified one still due: %+v", page.Items)
		}
		c.do("POST", "/api/v1/postmortems/"+p.ID+"/countermeasures/nope/verify", "application/json", []byte(`{"note":"x"}`), "If-Match", `"3"`).problem(t, 404, "")
	})
}
