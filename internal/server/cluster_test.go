package server

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
)

// freePort finds a port nobody listens on.
func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// nginxInFront starts Debian's nginx, as an organisation deploys it, in
// front of the given backends (round robin), and returns its address.
func nginxInFront(t *testing.T, backends ...string) string {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin = "/usr/sbin/nginx"
		if _, err := os.Stat(bin); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("nginx is required under CI=true (make test installs Debian's nginx-light)")
			}
			t.Skip("no nginx")
		}
	}
	dir := t.TempDir()
	port := freePort(t)
	var upstream strings.Builder
	for _, b := range backends {
		fmt.Fprintf(&upstream, "    server %s;\n", b)
	}
	conf := fmt.Sprintf(`worker_processes 1;
error_log %[1]s/error.log warn;
pid %[1]s/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %[1]s/body; proxy_temp_path %[1]s/proxy; fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi; scgi_temp_path %[1]s/scgi;
  upstream hindsight {
%[2]s  }
  server {
    listen 127.0.0.1:%[3]d;
    client_max_body_size 10m;
    location / {
      proxy_pass http://hindsight;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;
    }
  }
}
`, dir, upstream.String(), port)
	os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644)
	cmd := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-g", "daemon off;")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr
		}
	}
	log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
	t.Fatalf("nginx did not start:\n%s", log)
	return ""
}

// counted counts the requests an instance serves.
type counted struct {
	h http.Handler
	n atomic.Int64
}

func (c *counted) ServeHTTP(w http.ResponseWriter, r *http.Request) { c.n.Add(1); c.h.ServeHTTP(w, r) }

// TestTwoInstancesBehindNginx serves one organisation from two instances
// on one PostgreSQL behind nginx: sessions work whichever instance answers,
// a page cached by one is never stale after a save through the other,
// signing out ends the session on both, and the client's address comes
// through the proxy.
func TestTwoInstancesBehindNginx(t *testing.T) {
	db := pgtest.URL(t)
	cfg := config.Default()
	cfg.SignIn.TrustedProxies = "127.0.0.1"
	var instances []*counted
	var svcs []*hindsight.Service
	var backends []string
	for range 2 {
		s, err := postgres.Open(t.Context(), db, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		svc := hindsight.NewService(s, hindsight.DefaultPolicy())
		h, err := New(cfg, svc)
		if err != nil {
			t.Fatal(err)
		}
		c := &counted{h: h}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := HTTPServer(c, DefaultLimits())
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Close() })
		instances, svcs, backends = append(instances, c), append(svcs, svc), append(backends, ln.Addr().String())
	}
	front := nginxInFront(t, backends...)

	cli := hindsight.CommandLine(t.Context())
	if _, err := svcs[0].AddUser(cli, hindsight.NewUser{Email: "mei@example.com", Name: "Mei Lin", Role: hindsight.Editor, Password: password}); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("POST", front+"/signin", strings.NewReader(url.Values{"email": {"mei@example.com"}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", "203.0.113.7")
	res, err := b.Do(req)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in through nginx: %v %v", res, err)
	}
	res.Body.Close()
	read := func(path string) (int, string) {
		res, err := b.Get(front + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	for i := range 6 {
		if code, _ := read("/countermeasures"); code != 200 {
			t.Fatalf("request %d through nginx: %d — the session is not known to every instance", i, code)
		}
	}
	if instances[0].n.Load() == 0 || instances[1].n.Load() == 0 {
		t.Fatalf("nginx did not spread the requests: %d and %d", instances[0].n.Load(), instances[1].n.Load())
	}
	log, _ := svcs[1].Audit(cli, hindsight.AuditFilter{Action: "signin"})
	if len(log.Items) != 1 || log.Items[0].ClientIP != "203.0.113.7" {
		t.Fatalf("the client's address through the proxy: %+v", log.Items)
	}

	// Both instances cache the page; a save through either is seen at once.
	mei, _ := svcs[0].UserByEmail(cli, "mei@example.com")
	p := &hindsight.PostMortem{Title: "Cache: version one"}
	if err := svcs[0].Create(hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: mei}), p); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		if _, body := read("/postmortems/" + p.ID); !strings.Contains(body, "Cache: version one") {
			t.Fatal("the page does not show the post-mortem")
		}
		if _, body := read("/?q=cache"); !strings.Contains(body, "Cache: version one") {
			t.Fatal("the search page does not show the post-mortem")
		}
	}
	for v := 2; v <= 3; v++ {
		p.Title = fmt.Sprintf("Cache: version %d", v)
		if err := svcs[v%2].Update(hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: mei}), p); err != nil {
			t.Fatal(err)
		}
		for i := range 4 {
			if _, body := read("/postmortems/" + p.ID); !strings.Contains(body, p.Title) {
				t.Fatalf("view %d after saving version %d through one instance shows a stale page", i, v)
			}
			for _, list := range []string{"/", "/?q=cache"} {
				if _, body := read(list); !strings.Contains(body, p.Title) {
					t.Fatalf("%s %d after saving version %d through one instance shows a stale page", list, i, v)
				}
			}
		}
	}

	// Signing out through one instance ends the session on the other.
	session := ""
	for _, c := range jar.Cookies(mustParse(front)) {
		if c.Name == "hindsight_session" {
			session = c.Value
		}
	}
	req, _ = http.NewRequest("POST", front+"/signout", nil)
	if res, err := b.Do(req); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %v %v", res, err)
	}
	for i := range 4 {
		req, _ := http.NewRequest("GET", front+"/countermeasures", nil)
		req.AddCookie(&http.Cookie{Name: "hindsight_session", Value: session})
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("replaying the signed-out session, request %d: %d", i, res.StatusCode)
		}
	}
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
