package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
	"hindsight/internal/web"
)

// BenchmarkViewPage measures the post-mortem page of a post-mortem with 200
// timeline events through the real handler, against a handler that serves
// the same bytes from memory, alternating requests in the same run over
// real HTTP. It reports both rates and their ratio (target ≥ 0.5).
func BenchmarkViewPage(b *testing.B) { benchView(b, false) }

// BenchmarkViewPagePublished is BenchmarkViewPage for a published
// post-mortem read by a signed-in reader: each view also counts its
// readers and notes the reader (off the request).
func BenchmarkViewPagePublished(b *testing.B) { benchView(b, true) }

func benchView(b *testing.B, published bool) {
	s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	svc := hindsight.NewService(s, hindsight.DefaultPolicy())
	p := storetest.Full()
	start := *p.Incident.StartedAt
	p.Events = nil
	for i := range 200 {
		at := start.Add(time.Duration(i) * 30 * time.Second)
		p.Events = append(p.Events, hindsight.Event{At: &at, ReportedBy: "Priya Raman", Kind: hindsight.EventObservation,
			Text: fmt.Sprintf("Step %d: error rate on checkout is %d%% while the pool is saturated", i, i%40), Effect: "Investigation continues"})
	}
	// A signed-in reader, as every page has one.
	u, err := svc.AddUser(hindsight.CommandLine(b.Context()), hindsight.NewUser{Email: "rita@example.com", Name: "Rita Reader", Role: hindsight.Editor})
	if err != nil {
		b.Fatal(err)
	}
	ctx := hindsight.WithPrincipal(b.Context(), hindsight.Principal{User: u})
	if published {
		p.Status = hindsight.StatusPublished
		p.Severity = "SEV3"
	}
	if err := svc.Create(ctx, p); err != nil {
		b.Fatal(err)
	}
	h, err := web.New(svc, web.Options{})
	if err != nil {
		b.Fatal(err)
	}
	real := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r.WithContext(ctx)) }))
	defer real.Close()
	page := fetch(b, real.URL+"/postmortems/"+p.ID)
	static := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer static.Close()

	var realTime, staticTime time.Duration
	n := 0
	for b.Loop() {
		t := time.Now()
		fetch(b, real.URL+"/postmortems/"+p.ID)
		realTime += time.Since(t)
		t = time.Now()
		fetch(b, static.URL+"/")
		staticTime += time.Since(t)
		n++
	}
	realRate := float64(n) / realTime.Seconds()
	staticRate := float64(n) / staticTime.Seconds()
	b.ReportMetric(realRate, "view-req/s")
	b.ReportMetric(staticRate, "static-req/s")
	b.ReportMetric(realRate/staticRate, "ratio")
}

var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}

func fetch(b *testing.B, url string) []byte {
	res, err := client.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		b.Fatalf("GET %s: %d %v", url, res.StatusCode, err)
	}
	return body
}
