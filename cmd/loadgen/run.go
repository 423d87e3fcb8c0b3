package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

type options struct {
	url, token, email, password string
	cookie                      string
	duration                    time.Duration
	rate, pid                   int
}

// route is one kind of request of the mix, with its share.
type route struct {
	name   string
	weight int
	do     func(c *client) (int, error)
}

// client makes the requests, knowing some post-mortems to view and save.
type client struct {
	o    options
	http *http.Client
	ids  []string
	rnd  *rand.Rand
	mu   sync.Mutex
}

var words = []string{"deploy", "database", "timeout", "checkout", "latency", "certificate", "queue", "failover", "cache", "dns"}

func (c *client) pick() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ids[c.rnd.IntN(len(c.ids))]
}

func (c *client) word() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return words[c.rnd.IntN(len(words))]
}

// get reads a page as the signed-in browser or the API token.
func (c *client) get(path string, api bool) (int, error) {
	req, _ := http.NewRequest("GET", c.o.url+path, nil)
	if api {
		req.Header.Set("Authorization", "Bearer "+c.o.token)
	} else {
		req.AddCookie(&http.Cookie{Name: "hindsight_session", Value: c.o.cookie})
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// save reads a post-mortem and writes it back with a new summary, through
// the version guard, as an editor's save does.
func (c *client) save() (int, error) {
	id := c.pick()
	req, _ := http.NewRequest("GET", c.o.url+"/api/v1/postmortems/"+id, nil)
	req.Header.Set("Authorization", "Bearer "+c.o.token)
	res, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	var p map[string]any
	json.NewDecoder(res.Body).Decode(&p)
	res.Body.Close()
	etag := res.Header.Get("ETag")
	for _, k := range []string{"id", "version", "metrics", "created_at", "updated_at", "updated_by", "updated_by_id", "author_id"} {
		delete(p, k)
	}
	p["summary"] = fmt.Sprintf("Saved by the load test at %s.", time.Now().Format(time.RFC3339Nano))
	body, _ := json.Marshal(p)
	req, _ = http.NewRequest("PUT", c.o.url+"/api/v1/postmortems/"+id, strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+c.o.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", etag)
	res, err = c.http.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// mix is the workload: mostly reading, as people use a post-mortem tool.
func mix() []route {
	return []route{
		{"view", 45, func(c *client) (int, error) { return c.get("/postmortems/"+c.pick(), false) }},
		{"list", 15, func(c *client) (int, error) { return c.get("/", false) }},
		{"search", 10, func(c *client) (int, error) { return c.get("/?q="+c.word(), false) }},
		{"api-get", 10, func(c *client) (int, error) { return c.get("/api/v1/postmortems/"+c.pick(), true) }},
		{"save", 10, func(c *client) (int, error) { return c.save() }},
		{"tracker", 5, func(c *client) (int, error) { return c.get("/countermeasures?overdue=true", false) }},
		{"insights", 5, func(c *client) (int, error) { return c.get("/insights", false) }},
	}
}

// run sends requests on schedule for the duration and gathers the answers.
func run(o options) (*results, error) {
	c := &client{o: o, http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}, rnd: rand.New(rand.NewPCG(1, 2))}
	if err := c.signIn(); err != nil {
		return nil, err
	}
	if err := c.loadIDs(); err != nil {
		return nil, err
	}
	routes := mix()
	total := 0
	for _, r := range routes {
		total += r.weight
	}
	res := newResults()
	stopMem := watchMemory(o.pid, res)
	tick := time.NewTicker(time.Second / time.Duration(o.rate))
	defer tick.Stop()
	end := time.Now().Add(o.duration)
	var wg sync.WaitGroup
	for n := 0; time.Now().Before(end); n++ {
		<-tick.C
		w := n % total
		var r route
		for _, r = range routes {
			if w < r.weight {
				break
			}
			w -= r.weight
		}
		wg.Go(func() {
			start := time.Now()
			status, err := r.do(c)
			res.add(r.name, time.Since(start), status, err)
		})
	}
	wg.Wait()
	stopMem()
	res.elapsed = o.duration
	return res, nil
}

// signIn signs in for the HTML pages and keeps the session cookie.
func (c *client) signIn() error {
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.PostForm(c.o.url+"/signin", url.Values{"email": {c.o.email}, "password": {c.o.password}})
	if err != nil {
		return err
	}
	res.Body.Close()
	for _, k := range res.Cookies() {
		if k.Name == "hindsight_session" {
			c.o.cookie = k.Value
			return nil
		}
	}
	return fmt.Errorf("sign in as %s: %s", c.o.email, res.Status)
}

// loadIDs finds post-mortems to view and save.
func (c *client) loadIDs() error {
	req, _ := http.NewRequest("GET", c.o.url+"/api/v1/postmortems?limit=200", nil)
	req.Header.Set("Authorization", "Bearer "+c.o.token)
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := json.NewDecoder(res.Body).Decode(&page); err != nil || len(page.Items) == 0 {
		return fmt.Errorf("no post-mortems to work on at %s (status %d): run hindsight demo first", c.o.url, res.StatusCode)
	}
	for _, it := range page.Items {
		c.ids = append(c.ids, it.ID)
	}
	return nil
}
