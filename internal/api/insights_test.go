package api_test

import (
	"strings"
	"testing"
)

func TestInsights(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		c.create(`{"title":"a","severity":"SEV1","tags":["db"],"incident":{"started_at":"2026-01-10T10:00:00Z","detected_at":"2026-01-10T10:10:00Z","ended_at":"2026-01-10T11:00:00Z"}}`)
		c.create(`{"title":"b","severity":"SEV2","incident":{"started_at":"2026-03-10T10:00:00Z","ended_at":"2026-03-10T10:30:00Z"}}`)
		var rep struct {
			Total struct {
				Incidents     int
				TimeToDetect  struct{ Count, Of int } `json:"time_to_detect"`
				TimeToResolve struct {
					MedianSeconds float64 `json:"median_seconds"`
				} `json:"time_to_resolve"`
			}
			Months      []struct{ Month string }
			Definitions []struct{ Term string }
		}
		c.do("GET", "/api/v1/insights", "", nil).json(t, &rep)
		if rep.Total.Incidents != 2 || rep.Total.TimeToDetect.Count != 1 || rep.Total.TimeToDetect.Of != 2 || rep.Total.TimeToResolve.MedianSeconds != 2700 || len(rep.Months) != 3 || len(rep.Definitions) == 0 {
			t.Fatalf("insights: %+v", rep)
		}
		c.do("GET", "/api/v1/insights?tag=db&from=2026-01-01&to=2026-01-31", "", nil).json(t, &rep)
		if rep.Total.Incidents != 1 {
			t.Fatalf("filtered: %+v", rep.Total)
		}
		csv := c.do("GET", "/api/v1/insights.csv?severity=SEV2", "", nil)
		if csv.status != 200 || !strings.HasPrefix(csv.header.Get("Content-Type"), "text/csv") || !strings.Contains(string(csv.body), "\ntotal,1,") {
			t.Fatalf("csv: %d %s", csv.status, csv.body)
		}
		c.do("GET", "/api/v1/insights?from=soon", "", nil).problem(t, 400, "from")
		per := c.do("GET", "/api/v1/insights.csv?chart=followthrough", "", nil)
		if per.status != 200 || !strings.HasPrefix(string(per.body), "month,countermeasures_opened,") {
			t.Fatalf("chart csv: %d %s", per.status, per.body)
		}
		c.do("GET", "/api/v1/insights.csv?chart=pie", "", nil).problem(t, 422, "chart")
		// Both incidents ended long ago without a meeting.
		var late struct{ Items []struct{ Title string } }
		c.do("GET", "/api/v1/meetings/late", "", nil).json(t, &late)
		if len(late.Items) != 2 {
			t.Fatalf("late meetings: %+v", late)
		}
		c.do("GET", "/api/v1/meetings/late?severity=SEV2", "", nil).json(t, &late)
		if len(late.Items) != 1 || late.Items[0].Title != "b" {
			t.Fatalf("late meetings of SEV2: %+v", late)
		}
		// A page at a time: the first, then the rest by its cursor.
		var page struct {
			Items      []struct{ Title string }
			Total      int
			NextCursor string `json:"next_cursor"`
		}
		c.do("GET", "/api/v1/meetings/late?limit=1", "", nil).json(t, &page)
		if len(page.Items) != 1 || page.Total != 2 || page.NextCursor == "" {
			t.Fatalf("first page of late meetings: %+v", page)
		}
		first := page.Items[0].Title
		c.do("GET", "/api/v1/meetings/late?limit=1&cursor="+page.NextCursor, "", nil).json(t, &page)
		if len(page.Items) != 1 || page.Items[0].Title == first || page.NextCursor != "" {
			t.Fatalf("second page of late meetings: %+v", page)
		}
		c.do("GET", "/api/v1/meetings/late?limit=100000", "", nil).problem(t, 400, "limit")
		c.do("GET", "/api/v1/meetings/late?cursor=-3", "", nil).problem(t, 400, "cursor")
	})
}
