package atomfeed_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"

	"hindsight"
	"hindsight/internal/atomfeed"
	"hindsight/internal/enginetest"
)

func as(t *testing.T, svc *hindsight.Service, email, name string, role hindsight.UserRole) context.Context {
	t.Helper()
	u, err := svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: email, Name: name, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u, Via: "test"})
}

// feedSecret makes a feed token for the user, as the account page does.
func feedSecret(t *testing.T, svc *hindsight.Service, ctx context.Context) (string, string) {
	t.Helper()
	tok, secret, err := svc.CreateToken(ctx, hindsight.NewToken{Name: "private feeds", Purpose: hindsight.TokenFeed})
	if err != nil {
		t.Fatal(err)
	}
	return tok.ID, secret
}

// TestAtomFeeds serves private feeds over real HTTP and reads them with a
// real feed parser: all published post-mortems and those of one tag, team
// or service, each entry with its summary, facts, link and categories.
// Drafts never appear; a restricted post-mortem appears only in the feeds
// of people who may read it; a revoked or wrong secret opens nothing.
func TestAtomFeeds(t *testing.T) {
	enginetest.Services(t, func(t *testing.T, svc *hindsight.Service) {
		author := as(t, svc, "ana@example.com", "Ana Author", hindsight.Editor)
		vic := as(t, svc, "vic@example.com", "Vic Viewer", hindsight.Viewer)
		nia := as(t, svc, "nia@example.com", "Nia Named", hindsight.Viewer)
		day := func(d int) *time.Time { x := time.Date(2026, 3, d, 9, 30, 0, 0, time.UTC); return &x }
		for _, p := range []*hindsight.PostMortem{
			{Title: "Checkout outage", Summary: "The connection pool shrank & stalled <checkout>.", Severity: "SEV3", Team: "Payments",
				Services: []string{"checkout", "ledger"}, Tags: []string{"db"}, Incident: hindsight.Incident{StartedAt: day(1), EndedAt: day(2)}},
			{Title: "Ledger lag", Summary: "Replication fell behind.", Severity: "SEV3", Team: "Storage", Services: []string{"Ledger"}, Tags: []string{"DB", "replication"},
				Incident: hindsight.Incident{StartedAt: day(3)}},
			{Title: "Draft in progress", Team: "Payments", Services: []string{"checkout"}, Tags: []string{"db"}, Status: hindsight.StatusDraft},
			{Title: "Credential leak", Summary: "A zebracorn token leaked.", Severity: "SEV3", Team: "Payments", Services: []string{"checkout"}, Tags: []string{"db"},
				Access: hindsight.Access{Restricted: true, Users: []string{"nia@example.com"}}, Incident: hindsight.Incident{StartedAt: day(4)}},
		} {
			if p.Status == "" {
				p.Status = hindsight.StatusPublished
			}
			if err := svc.Create(author, p); err != nil {
				t.Fatal(err)
			}
		}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /feeds/{secret}", atomfeed.Handler(svc, "https://h.example.com", func(*http.Request) string { return "127.0.0.1" }))
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		vicToken, vicSecret := feedSecret(t, svc, vic)
		_, niaSecret := feedSecret(t, svc, nia)

		for _, c := range []struct {
			who, secret, query string
			want               []string
		}{
			{"vic", vicSecret, "", []string{"Ledger lag", "Checkout outage"}},
			{"vic", vicSecret, "?tag=db", []string{"Ledger lag", "Checkout outage"}},
			{"vic", vicSecret, "?tag=replication", []string{"Ledger lag"}},
			{"vic", vicSecret, "?team=payments", []string{"Checkout outage"}},
			{"vic", vicSecret, "?service=LEDGER", []string{"Ledger lag", "Checkout outage"}},
			{"vic", vicSecret, "?service=checkout", []string{"Checkout outage"}},
			{"vic", vicSecret, "?team=nobody", []string{}},
			{"nia", niaSecret, "", []string{"Credential leak", "Ledger lag", "Checkout outage"}},
			{"nia", niaSecret, "?team=Payments", []string{"Credential leak", "Checkout outage"}},
		} {
			raw, f := fetch(t, srv.URL+"/feeds/"+c.secret+".atom"+c.query)
			var got []string
			for _, e := range f.Items {
				got = append(got, e.Title)
			}
			if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("%s's feed%s lists %q, want %q", c.who, c.query, got, c.want)
			}
			if c.who == "vic" && (strings.Contains(raw, "Credential leak") || strings.Contains(raw, "zebracorn")) {
				t.Errorf("%s's feed%s shows the restricted post-mortem", c.who, c.query)
			}
			if strings.Contains(raw, "Draft in progress") || strings.Contains(raw, c.secret) && c.query == "" && strings.Count(raw, c.secret) != 1 {
				t.Errorf("feed%s lists a draft or spreads its secret:\n%s", c.query, raw)
			}
		}

		// One entry, read closely: the universal parser's view and Atom's own.
		raw, f := fetch(t, srv.URL+"/feeds/"+vicSecret+".atom?team=Payments")
		if f.FeedType != "atom" || f.Title != "Hindsight post-mortems of team Payments" || f.UpdatedParsed == nil || f.FeedLink != "https://h.example.com/feeds/"+vicSecret+".atom?team=Payments" {
			t.Fatalf("feed %+v", f)
		}
		e := f.Items[0]
		if e.Link != "https://h.example.com/postmortems/"+idOf(t, svc, author, "Checkout outage") || e.GUID != e.Link || e.UpdatedParsed == nil || e.PublishedParsed == nil {
			t.Errorf("entry link %q id %q updated %v", e.Link, e.GUID, e.UpdatedParsed)
		}
		if e.Description != "The connection pool shrank & stalled <checkout>." {
			t.Errorf("entry summary %q", e.Description)
		}
		for _, want := range []string{"<p>The connection pool shrank &amp; stalled &lt;checkout&gt;.</p>", "<li>Severity: SEV3</li>", "<li>Team: Payments</li>",
			"<li>Services: checkout, ledger</li>", "<li>Started: 2026-03-01 09:30 UTC</li>", "<li>Ended: 2026-03-02 09:30 UTC</li>",
			`<a href="https://h.example.com/postmortems/`} {
			if !strings.Contains(e.Content, want) {
				t.Errorf("entry content lacks %q:\n%s", want, e.Content)
			}
		}
		if got := strings.Join(e.Categories, ","); got != "db,team Payments,service checkout,service ledger" {
			t.Errorf("categories %q", got)
		}
		af, err := (&atom.Parser{}).Parse(strings.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if af.ID != "https://h.example.com/feeds/postmortems?team=Payments" || af.Updated == "" || len(af.Authors) != 1 || af.Entries[0].Content.Type != "html" {
			t.Errorf("atom feed id %q updated %q authors %v", af.ID, af.Updated, af.Authors)
		}

		// A wrong, a revoked and an API secret open nothing.
		if err := svc.RevokeToken(vic, vicToken); err != nil {
			t.Fatal(err)
		}
		_, api, err := svc.CreateToken(vic, hindsight.NewToken{Name: "ci", Purpose: hindsight.TokenAPI})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{vicSecret + ".atom", "hst_nope.atom", api + ".atom", niaSecret} {
			res, err := http.Get(srv.URL + "/feeds/" + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode < 400 || strings.Contains(string(body), "Checkout") {
				t.Errorf("/feeds/%s: %d %s", path, res.StatusCode, body)
			}
		}
	})
}

// fetch gets a feed and parses it; it must be served as Atom and parse.
func fetch(t *testing.T, url string) (string, *gofeed.Feed) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("%s: %d %s\n%s", url, res.StatusCode, res.Header.Get("Content-Type"), b)
	}
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", url, err, b)
	}
	return string(b), f
}

func idOf(t *testing.T, svc *hindsight.Service, ctx context.Context, title string) string {
	t.Helper()
	page, err := svc.List(ctx, hindsight.ListFilter{Q: title})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("find %q: %v", title, err)
	}
	return page.Items[0].ID
}
