package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/api"
	"hindsight/internal/auth"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
	"hindsight/internal/versiondiff"
)

// put saves p over version, as an API client sends back what it read and
// changed, and returns the new post-mortem.
func (c *client) put(id string, version int64, p hindsight.PostMortem) hindsight.PostMortem {
	c.t.Helper()
	body, _ := json.Marshal(p)
	res := c.do("PUT", "/api/v1/postmortems/"+id, "application/json", body, "If-Match", etag(version))
	if res.status != http.StatusOK {
		c.t.Fatalf("put: %d %s", res.status, res.body)
	}
	var saved hindsight.PostMortem
	res.json(c.t, &saved)
	return saved
}

func etag(v int64) string { return `"` + strconv.FormatInt(v, 10) + `"` }

func TestHistoryOverTheAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		p, _ := c.create(sampleJSON)
		path := "/api/v1/postmortems/" + p.ID
		e := p
		e.Title, e.ChangeNote = "Checkout payments timed out after the pool change", "named the cause"
		v2 := c.put(p.ID, 1, e)
		if v2.ChangeNote != "" {
			t.Fatalf("the answer repeats the note: %q", v2.ChangeNote)
		}
		v2.Events[0].Text = "Config lowering the pool size deployed"
		c.put(p.ID, 2, v2)

		var page hindsight.RevisionPage
		c.do("GET", path+"/versions", "", nil).json(t, &page)
		if len(page.Items) != 3 || !page.Items[0].Current || page.Items[1].Note != "named the cause" || page.Items[1].SavedBy != "Amara Okafor" ||
			strings.Join(page.Items[0].Changes, ",") != "events" {
			t.Fatalf("versions: %+v", page.Items)
		}
		var v1 hindsight.PostMortem
		c.do("GET", path+"/versions/1", "", nil).json(t, &v1)
		if v1.Title != "Checkout payments timed out" || v1.Version != 1 {
			t.Fatalf("version 1: %q v%d", v1.Title, v1.Version)
		}
		c.do("GET", path+"/versions/9", "", nil).problem(t, 404, "")
		c.do("GET", path+"/versions/first", "", nil).problem(t, 400, "n")
		c.do("GET", path+"/diff?from=zero", "", nil).problem(t, 400, "from")

		var d versiondiff.Diff
		c.do("GET", path+"/diff?from=1&to=3", "", nil).json(t, &d)
		var changed []string
		for _, s := range d.Sections {
			for _, it := range s.Items {
				for _, f := range it.Fields {
					changed = append(changed, f.Field)
				}
			}
		}
		if d.From != 1 || d.To != 3 || strings.Join(changed, ",") != "title,events[0].text" {
			t.Fatalf("diff 1→3: %v %+v", changed, d)
		}
		var latest versiondiff.Diff
		c.do("GET", path+"/diff", "", nil).json(t, &latest)
		if latest.From != 2 || latest.To != 3 {
			t.Fatalf("default diff is %d→%d, want the last change 2→3", latest.From, latest.To)
		}

		c.do("POST", path+"/versions/1/restore", "", nil).problem(t, http.StatusPreconditionRequired, "")
		c.do("POST", path+"/versions/1/restore", "", nil, "If-Match", `"2"`).problem(t, http.StatusPreconditionFailed, "")
		res := c.do("POST", path+"/versions/1/restore", "application/json", []byte(`{"change_note": "back to the reviewed draft"}`), "If-Match", `"3"`)
		var restored hindsight.PostMortem
		res.json(t, &restored)
		if res.status != 200 || restored.Version != 4 || restored.Title != v1.Title || res.header.Get("ETag") != `"4"` {
			t.Fatalf("restore: %d v%d %q", res.status, restored.Version, restored.Title)
		}
		c.do("GET", path+"/versions?limit=1", "", nil).json(t, &page)
		if r := page.Items[0]; r.RestoredFrom != 1 || r.Note != "back to the reviewed draft" || page.NextCursor == "" {
			t.Fatalf("restore's revision: %+v", page)
		}

		// Another reader without access sees no history of a restricted one.
		secret, _ := c.create(`{"title": "Credential leak", "access": {"restricted": true}}`)
		outsider := c.as(c.tokenFor("Out Sider", hindsight.Editor))
		outsider.do("GET", "/api/v1/postmortems/"+secret.ID+"/versions", "", nil).problem(t, 404, "")
		outsider.do("GET", "/api/v1/postmortems/"+secret.ID+"/diff?from=1&to=1", "", nil).problem(t, 404, "")
	})
}

func TestTrashOverTheAPI(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		p, _ := c.create(sampleJSON)
		path := "/api/v1/postmortems/" + p.ID
		if res := c.do("DELETE", path, "", nil, "If-Match", `"1"`); res.status != 204 {
			t.Fatalf("delete: %d %s", res.status, res.body)
		}
		var trash hindsight.TrashPage
		c.do("GET", "/api/v1/trash", "", nil).json(t, &trash)
		if len(trash.Items) != 1 || trash.Items[0].ID != p.ID || trash.Items[0].DeletedBy != "Amara Okafor" ||
			trash.Items[0].PurgeAt.Sub(trash.Items[0].DeletedAt) != 30*24*time.Hour {
			t.Fatalf("trash: %+v", trash.Items)
		}
		other := c.as(c.tokenFor("Oto Other", hindsight.Editor))
		other.do("GET", "/api/v1/trash", "", nil).json(t, &trash)
		if len(trash.Items) != 0 {
			t.Fatalf("another editor sees the author's trash: %+v", trash.Items)
		}
		other.do("POST", "/api/v1/trash/"+p.ID+"/restore", "", nil).problem(t, 404, "")
		res := c.do("POST", "/api/v1/trash/"+p.ID+"/restore", "", nil)
		var back hindsight.PostMortem
		res.json(t, &back)
		if res.status != 200 || back.ID != p.ID || back.Version != 1 || len(back.Countermeasures) != 1 {
			t.Fatalf("restore: %d %+v", res.status, back)
		}
		c.do("GET", path, "", nil).json(t, &back)

		if res := c.do("DELETE", path, "", nil, "If-Match", `"1"`); res.status != 204 {
			t.Fatalf("delete again: %d", res.status)
		}
		c.do("DELETE", "/api/v1/trash/"+p.ID, "", nil).problem(t, 403, "")
		c.do("POST", "/api/v1/trash/purge", "", nil).problem(t, 403, "")
		admin := c.as(c.tokenFor("Ada Admin", hindsight.Admin))
		var purged struct{ Purged []hindsight.TrashItem }
		admin.do("POST", "/api/v1/trash/purge", "", nil).json(t, &purged)
		if len(purged.Purged) != 0 {
			t.Fatalf("purged what was deleted just now: %+v", purged)
		}
		if res := admin.do("DELETE", "/api/v1/trash/"+p.ID, "", nil); res.status != 204 {
			t.Fatalf("purge: %d %s", res.status, res.body)
		}
		admin.do("POST", "/api/v1/trash/"+p.ID+"/restore", "", nil).problem(t, 404, "")
		admin.do("GET", path+"/versions", "", nil).problem(t, 404, "")
	})
}

// TestUpdateDeleteRace sends PUT and DELETE with the same If-Match at
// once, to two instances on one database, 200 times per engine: never
// may both succeed, or an update a client was told succeeded would be
// deleted by a client that never saw it.
func TestUpdateDeleteRace(t *testing.T) {
	twoInstances := func(t *testing.T, open func() hindsight.Store) {
		c := newClient(t, open())
		second := open()
		svc2 := hindsight.NewService(second, hindsight.DefaultPolicy())
		sessions := auth.NewSessions(svc2, auth.SessionOptions{Idle: time.Hour, Lifetime: time.Hour})
		srv := httptest.NewServer(auth.NewAuthenticator(svc2, sessions, nil).Middleware(api.New(svc2, api.Options{})))
		t.Cleanup(srv.Close)
		d := *c
		d.url = srv.URL
		both := 0
		for round := range 200 {
			p, _ := c.create(`{"title": "Raced"}`)
			var wg sync.WaitGroup
			var put, del response
			wg.Go(func() {
				put = c.do("PUT", "/api/v1/postmortems/"+p.ID, "application/json", []byte(`{"title": "Raced", "summary": "acknowledged"}`), "If-Match", `"1"`)
			})
			wg.Go(func() { del = d.do("DELETE", "/api/v1/postmortems/"+p.ID, "", nil, "If-Match", `"1"`) })
			wg.Wait()
			if put.status == 200 && del.status == 204 {
				both++
			}
			for _, r := range []response{put, del} {
				if r.status != 200 && r.status != 204 && r.status != 412 && r.status != 404 {
					t.Fatalf("round %d: %d %s", round, r.status, r.body)
				}
			}
		}
		if both > 0 {
			t.Fatalf("PUT and DELETE of the same version both succeeded in %d of 200 rounds", both)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "h.db")
		twoInstances(t, func() hindsight.Store {
			s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		})
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		url := pgtest.URL(t)
		twoInstances(t, func() hindsight.Store {
			s, err := postgres.Open(t.Context(), url, postgres.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		})
	})
}
