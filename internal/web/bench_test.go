package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/benchdata"
	"hindsight/internal/config"
	"hindsight/internal/server"
	"hindsight/internal/storetest"
)

// BenchmarkPages measures the pages people open most — the list, a
// filtered list, a search for the commonest word and for a phrase, a
// post-mortem (and a published one, whose readers are counted), the API's
// read of one, the countermeasure tracker, insights and the calendar feed
// — through the whole server (a
// signed-in session on every request) on each engine holding
// storetest.BenchCount() demo post-mortems, against a server that returns
// the same bytes from memory, in interleaved rounds in the same run over
// real HTTP with 8 connections. It reports both rates and their ratio
// (target ≥ 0.5). Run with -benchtime 20x or more.
func BenchmarkPages(b *testing.B) {
	for _, engine := range benchdata.Engines {
		b.Run(engine.Name, func(b *testing.B) {
			store := engine.Open(b, storetest.BenchCount())
			svc := hindsight.NewService(store, hindsight.DefaultPolicy())
			cfg := config.Default()
			cfg.RateLimits = false
			h, err := server.New(cfg, svc)
			if err != nil {
				b.Fatal(err)
			}
			real := httptest.NewServer(h)
			defer real.Close()
			browser, token := signedIn(b, svc, real.URL)
			first, err := svc.List(hindsight.CommandLine(b.Context()), hindsight.ListFilter{})
			if err != nil || len(first.Items) == 0 {
				b.Fatalf("empty benchmark store: %v", err)
			}
			id := first.Items[0].ID
			// A published post-mortem's view also counts its readers and
			// notes the reader.
			published, err := svc.List(hindsight.CommandLine(b.Context()), hindsight.ListFilter{Status: hindsight.StatusPublished, Limit: 1})
			if err != nil || len(published.Items) == 0 {
				b.Fatalf("no published post-mortem: %v", err)
			}
			for _, page := range []struct{ name, path string }{
				{"List", "/"},
				{"ListFiltered", "/?severity=SEV2&tag=database"},
				{"SearchCommonWord", "/?q=deploy"},
				{"SearchPhrase", "/?q=connection+pool+timeouts"},
				{"View", "/postmortems/" + id},
				{"ViewPublished", "/postmortems/" + published.Items[0].ID},
				{"APIGet", "/api/v1/postmortems/" + id},
				{"Tracker", "/countermeasures"},
				{"Insights", "/insights"},
				{"Calendar", "/calendar.ics"},
			} {
				b.Run(page.name, func(b *testing.B) {
					get := func(u string) []byte {
						req, _ := http.NewRequest("GET", u, nil)
						req.Header.Set("Authorization", "Bearer "+token)
						if page.name != "APIGet" {
							req.Header.Del("Authorization")
						}
						return fetch(b, browser, req)
					}
					sideBySide(b, real.URL+page.path, get)
				})
			}
		})
	}
}

// connections is how many clients request at once, as a busy
// organisation's readers do (and as wrk was run when these targets were
// set).
const connections = 8

// sideBySide measures u against a server returning the same bytes from
// memory in interleaved rounds of 50 requests a connection, so both see
// the same machine, and reports both rates and their ratio.
func sideBySide(b *testing.B, u string, get func(string) []byte) {
	body := get(u)
	static := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	defer static.Close()
	round := func(target string) time.Duration {
		start := time.Now()
		var wg sync.WaitGroup
		for range connections {
			wg.Go(func() {
				for range 50 {
					get(target)
				}
			})
		}
		wg.Wait()
		return time.Since(start)
	}
	var realTime, staticTime time.Duration
	n := 0
	for b.Loop() {
		realTime += round(u)
		staticTime += round(static.URL + "/")
		n += connections * 50
	}
	realRate := float64(n) / realTime.Seconds()
	staticRate := float64(n) / staticTime.Seconds()
	b.ReportMetric(realRate, "req/s")
	b.ReportMetric(staticRate, "memory-req/s")
	b.ReportMetric(realRate/staticRate, "ratio")
}

// signedIn adds a viewer (restricted post-mortems are then checked on
// every read, as for most readers) and returns a browser signed in as them
// and an API token of theirs.
func signedIn(b *testing.B, svc *hindsight.Service, base string) (*http.Client, string) {
	cli := hindsight.CommandLine(b.Context())
	email := fmt.Sprintf("bench-%d@example.com", time.Now().UnixNano())
	u, err := svc.AddUser(cli, hindsight.NewUser{Email: email, Name: "Bench Reader", Role: hindsight.Viewer, Password: password})
	if err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Transport: &http.Transport{MaxIdleConnsPerHost: connections},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := browser.PostForm(base+"/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: %v %v", res, err)
	}
	res.Body.Close()
	_, token, err := svc.CreateTokenFor(cli, u.ID, hindsight.NewToken{Name: "bench", ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	return browser, token
}

func fetch(b *testing.B, c *http.Client, req *http.Request) []byte {
	res, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		b.Fatalf("GET %s: %d %v", req.URL, res.StatusCode, err)
	}
	return body
}
