package api_test

import (
	"net/http"
	"strings"
	"testing"

	"hindsight"
)

// TestReviewAPI walks review and publish through the API: a review
// request, a verdict on the version read, a comment, publishing refused
// and then allowed by the rule, the publication record, and webhooks for
// admins only.
func TestReviewAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		rev := c.as(c.tokenFor("Rui Reviewer", hindsight.Viewer))
		admin := c.as(c.tokenFor("Ada Admin", hindsight.Admin))
		p, _ := c.create(`{"title":"Checkout outage","severity":"SEV1","status":"in_review","events":[{"text":"Deploy"}]}`)
		id := "/api/v1/postmortems/" + p.ID
		if res := c.do("POST", id+"/review-requests", "application/json", []byte(`{"reviewers":["nobody@example.com"]}`)); true {
			res.problem(t, http.StatusUnprocessableEntity, "reviewers[0]")
		}
		if res := c.do("POST", id+"/review-requests", "application/json", []byte(`{"reviewers":["rui.reviewer@example.com"]}`)); res.status != http.StatusCreated {
			t.Fatalf("request review: %d %s", res.status, res.body)
		}
		if res := rev.do("POST", id+"/reviews", "application/json", []byte(`{"verdict":"approved"}`)); res.status != http.StatusPreconditionRequired {
			t.Fatalf("a verdict without If-Match: %d", res.status)
		}
		if res := rev.do("POST", id+"/comments", "application/json", []byte(`{"anchor":"events[0]","body":"Which deploy? @amara.okafor"}`)); res.status != http.StatusCreated || !strings.Contains(string(res.body), `"quote":"Deploy"`) {
			t.Fatalf("comment: %d %s", res.status, res.body)
		}
		publish := `{"title":"Checkout outage","severity":"SEV1","status":"published","events":[{"text":"Deploy"}]}`
		c.do("PUT", id, "application/json", []byte(publish), "If-Match", `"1"`).problem(t, http.StatusUnprocessableEntity, "status")
		if res := rev.do("POST", id+"/reviews", "application/json", []byte(`{"verdict":"approved"}`), "If-Match", `"1"`); res.status != http.StatusCreated {
			t.Fatalf("approve: %d %s", res.status, res.body)
		}
		var st hindsight.ReviewState
		c.do("GET", id+"/review", "", nil).json(t, &st)
		if !st.Publish.Allowed || len(st.Comments) != 1 || len(st.Requests) != 1 {
			t.Fatalf("review %+v", st)
		}
		if res := c.do("PUT", id, "application/json", []byte(publish), "If-Match", `"1"`); res.status != http.StatusOK {
			t.Fatalf("publish: %d %s", res.status, res.body)
		}
		var pub hindsight.PublishedState
		c.do("GET", id+"/publication", "", nil).json(t, &pub)
		if pub.Version != 2 {
			t.Fatalf("publication %+v", pub)
		}
		if res := c.do("GET", "/api/v1/webhooks", "", nil); res.status != http.StatusForbidden {
			t.Fatalf("an editor listing webhooks: %d", res.status)
		}
		admin.do("POST", "/api/v1/webhooks", "application/json", []byte(`{"name":"chat","format":"slack","url":"ftp://x","events":["published","nothing"]}`)).
			problem(t, http.StatusUnprocessableEntity, "url")
		var hook hindsight.Webhook
		res := admin.do("POST", "/api/v1/webhooks", "application/json", []byte(`{"name":"chat","format":"slack","url":"https://hooks.slack.com/services/T/B/X","events":["published"]}`))
		res.json(t, &hook)
		if res.status != http.StatusCreated || !strings.HasPrefix(hook.Secret, "whsec_") {
			t.Fatalf("webhook: %d %s", res.status, res.body)
		}
		if res := admin.do("GET", "/api/v1/webhooks/deliveries?limit=5", "", nil); res.status != http.StatusOK {
			t.Fatalf("deliveries: %d %s", res.status, res.body)
		}
		if res := admin.do("DELETE", "/api/v1/webhooks/"+hook.ID, "", nil); res.status != http.StatusNoContent {
			t.Fatalf("delete webhook: %d", res.status)
		}
	})
}
