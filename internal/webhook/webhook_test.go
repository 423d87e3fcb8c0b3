package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/webhook"
)

func TestSignatureVerifies(t *testing.T) {
	now := time.Unix(1_716_200_000, 0)
	body := []byte(`{"id":"e1"}`)
	h := webhook.Sign("whsec_x", now, body)
	if !strings.HasPrefix(h, "t=1716200000,v1=") || len(h) != len("t=1716200000,v1=")+64 {
		t.Fatalf("header %q", h)
	}
	if err := webhook.Verify("whsec_x", h, body, now.Add(time.Minute), 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		secret, header string
		body           []byte
		at             time.Time
		want           error
	}{
		"other secret":   {"whsec_y", h, body, now, webhook.ErrBadSignature},
		"changed body":   {"whsec_x", h, []byte(`{"id":"e2"}`), now, webhook.ErrBadSignature},
		"replayed later": {"whsec_x", h, body, now.Add(10 * time.Minute), webhook.ErrStale},
		"moved time":     {"whsec_x", strings.Replace(h, "t=1716200000", "t=1716200600", 1), body, now.Add(10 * time.Minute), webhook.ErrBadSignature},
		"no signature":   {"whsec_x", "t=1716200000", body, now, webhook.ErrBadSignature},
	} {
		if err := webhook.Verify(c.secret, c.header, c.body, c.at, 5*time.Minute); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

func TestGuardRefusesInsideAddresses(t *testing.T) {
	g := webhook.Guard{}
	for _, a := range []string{"127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "fe80::1", "fd00:ec2::254",
		"100.100.100.200", "0.0.0.0", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "224.0.0.1"} {
		if err := g.Check(netip.MustParseAddr(a)); !errors.Is(err, webhook.ErrRefused) {
			t.Errorf("%s: %v", a, err)
		}
	}
	for _, a := range []string{"93.184.215.14", "2606:4700::6810:85e5"} {
		if err := g.Check(netip.MustParseAddr(a)); err != nil {
			t.Errorf("%s: %v", a, err)
		}
	}
	allow, err := webhook.ParseAllow("10.0.0.0/8, 127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	g = webhook.Guard{Allow: allow}
	if g.Check(netip.MustParseAddr("10.9.9.9")) != nil || g.Check(netip.MustParseAddr("127.0.0.1")) != nil || g.Check(netip.MustParseAddr("127.0.0.2")) == nil {
		t.Error("allowed networks")
	}
	if _, err := webhook.ParseAllow("intranet"); err == nil {
		t.Error("a name was accepted as a network")
	}
}

// TestClientChecksEveryConnection posts to real servers on loopback: by
// address, by a name that resolves to loopback, and through a redirect
// from an allowed address to one that is not.
func TestClientChecksEveryConnection(t *testing.T) {
	hits := 0
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer inside.Close()
	_, port, _ := net.SplitHostPort(inside.Listener.Addr().String())
	post := func(g webhook.Guard, url string) webhook.Result {
		return webhook.Post(context.Background(), g.Client(2*time.Second), url, "s", hindsight.AnnouncePublished, "e1", []byte(`{}`), time.Now())
	}
	for _, url := range []string{inside.URL, "http://localhost:" + port + "/"} {
		if r := post(webhook.Guard{}, url); !errors.Is(r.Err, webhook.ErrRefused) || r.Retry() {
			t.Errorf("%s: %+v", url, r)
		}
	}
	if hits != 0 {
		t.Fatalf("the refused posts arrived %d times", hits)
	}
	// The guard runs before each connection is made, so inside addresses
	// are refused without a packet sent: the cloud metadata service, a
	// private network, IPv6 link-local and loopback.
	for _, url := range []string{"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hook", "http://192.168.0.10:8080/", "http://[fe80::1]/", "http://[::1]:" + port + "/"} {
		if r := post(webhook.Guard{}, url); !errors.Is(r.Err, webhook.ErrRefused) || r.Retry() {
			t.Errorf("%s: %+v", url, r)
		}
	}
	// Only 127.0.0.2 is allowed; it redirects to 127.0.0.1.
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2 on this machine: %v", err)
	}
	redirector := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/metadata", http.StatusTemporaryRedirect)
	})}}
	redirector.Start()
	defer redirector.Close()
	allow, _ := webhook.ParseAllow("127.0.0.2")
	if r := post(webhook.Guard{Allow: allow}, redirector.URL); !errors.Is(r.Err, webhook.ErrRefused) || hits != 0 {
		t.Fatalf("a redirect inside: %+v, %d hits", r, hits)
	}
	allow, _ = webhook.ParseAllow("127.0.0.0/8")
	if r := post(webhook.Guard{Allow: allow}, redirector.URL); !r.OK() || hits != 1 {
		t.Fatalf("with loopback allowed: %+v, %d hits", r, hits)
	}
}

// TestCheckURL refuses, when a webhook is saved, an address that is or
// resolves to one deliveries may not reach, and lets through public
// addresses, allowed networks and names that do not resolve now (they are
// checked again at every connection).
func TestCheckURL(t *testing.T) {
	g := webhook.Guard{}
	for _, url := range []string{"http://localhost:8080/hook", "http://127.0.0.1/", "https://[::1]/", "http://169.254.169.254/latest", "http://10.0.0.5/x"} {
		if err := g.CheckURL(t.Context(), url); !errors.Is(err, webhook.ErrRefused) {
			t.Errorf("%s: %v", url, err)
		}
	}
	if err := g.CheckURL(t.Context(), "http://localhost:8080/hook"); err == nil || !strings.Contains(err.Error(), "localhost resolves to") {
		t.Errorf("a name is refused without saying what it resolves to: %v", err)
	}
	allow, _ := webhook.ParseAllow("10.0.0.0/8")
	for _, url := range []string{"https://203.0.113.7/hook", "https://no-such-host.invalid/hook"} {
		if err := g.CheckURL(t.Context(), url); err != nil {
			t.Errorf("%s: %v", url, err)
		}
	}
	if err := (webhook.Guard{Allow: allow}).CheckURL(t.Context(), "http://10.0.0.5/x"); err != nil {
		t.Errorf("an allowed network: %v", err)
	}
}

func TestBodies(t *testing.T) {
	due := hindsight.Date{Year: 2026, Month: 6, Day: 1}
	a := hindsight.Announcement{ID: "a1", Kind: hindsight.AnnouncePublished, PostMortemID: "pm1", Version: 3, Title: "Checkout <outage> & more",
		Severity: "SEV2", Team: "Payments", Services: []string{"checkout"}, Summary: "The pool shrank.", Actor: "Ana", At: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	b, err := webhook.Body(hindsight.FormatSlack, a, "a1.w1", "https://h.example.com/")
	if err != nil {
		t.Fatal(err)
	}
	var slack struct {
		Text   string
		Blocks []struct {
			Type string
			Text struct{ Type, Text string }
		}
	}
	if err := json.Unmarshal(b, &slack); err != nil || slack.Text != "Post-mortem published: Checkout &lt;outage&gt; &amp; more" ||
		!strings.Contains(slack.Blocks[0].Text.Text, "<https://h.example.com/postmortems/pm1|") || !strings.Contains(slack.Blocks[0].Text.Text, "SEV2 · team Payments · checkout") {
		t.Fatalf("slack %s %v", b, err)
	}
	b, _ = webhook.Body(hindsight.FormatTeams, a, "a1.w1", "https://h.example.com")
	var teams struct {
		Type        string
		Attachments []struct {
			ContentType string
			Content     struct {
				Type    string
				Body    []struct{ Text string }
				Actions []struct{ URL string }
			}
		}
	}
	if err := json.Unmarshal(b, &teams); err != nil || teams.Type != "message" || teams.Attachments[0].Content.Type != "AdaptiveCard" ||
		teams.Attachments[0].Content.Actions[0].URL != "https://h.example.com/postmortems/pm1" || teams.Attachments[0].Content.Body[0].Text != "Post-mortem published: Checkout <outage> & more" {
		t.Fatalf("teams %s %v", b, err)
	}
	a.Kind, a.Due, a.Detail = hindsight.AnnounceOverdue, &due, "Add an alert (Priya)"
	b, _ = webhook.Body(hindsight.FormatJSON, a, "a1.w1", "https://h.example.com")
	var e webhook.Event
	if err := json.Unmarshal(b, &e); err != nil || e.ID != "a1.w1" || e.Type != hindsight.AnnounceOverdue || e.Due.String() != "2026-06-01" || e.PostMortem.Summary != "" || e.PostMortem.URL != "https://h.example.com/postmortems/pm1" {
		t.Fatalf("json %s %v", b, err)
	}
}
