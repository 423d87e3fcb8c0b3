package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
	"hindsight/internal/config"
)

// TestBrowserAccess signs people in and out in Chromium: a viewer reads
// but is offered no edit and is refused the edit form; a restricted
// post-mortem does not exist for them on the list, in search, on insights,
// in the tracker, in their calendar feed or at its address, while a reader
// it names sees it.
func TestBrowserAccess(t *testing.T) {
	s := newSite(t)
	started := time.Now().Add(-48 * time.Hour)
	secret := &hindsight.PostMortem{Title: "Credential leak in build logs", Summary: "The zebracorn token was exposed.", Severity: "SEV1",
		Incident:        hindsight.Incident{StartedAt: &started, EndedAt: &started},
		Countermeasures: []hindsight.Countermeasure{{Title: "Rotate zebracorn keys", Owner: "Vic Viewer", Due: &hindsight.Date{Year: 2026, Month: 12, Day: 1}}},
		Access:          hindsight.Access{Restricted: true, Users: []string{"nia@example.com"}}}
	open := &hindsight.PostMortem{Title: "Disk filled by logs", Summary: "zebracorn logs filled the disk.", Severity: "SEV3",
		Incident:        hindsight.Incident{StartedAt: &started, EndedAt: &started},
		Countermeasures: []hindsight.Countermeasure{{Title: "Rotate logs", Owner: "Vic Viewer", Due: &hindsight.Date{Year: 2026, Month: 12, Day: 2}}}}
	for _, p := range []*hindsight.PostMortem{secret, open} {
		if err := s.svc.Create(s.ctx, p); err != nil {
			t.Fatal(err)
		}
	}

	viewer := newBrowser(t)
	viewer.signIn(s, "vic@example.com", "Vic Viewer", hindsight.Viewer)
	if n := get(viewer, chromedp.Evaluate[int](`document.querySelectorAll('a[href="/postmortems/new"]').length`)); n != 0 {
		t.Error("a viewer is offered to write a post-mortem")
	}
	lists := map[string]string{"/": `main`, "/?q=zebracorn": `main`, "/countermeasures": `main`, "/insights": `.kpis`}
	for path, sel := range lists {
		viewer.run(chromedp.Navigate(s.url+path), chromedp.WaitVisible(chromedp.CSS(sel)))
		text := viewer.text(`main`)
		if strings.Contains(text, "Credential leak") || strings.Contains(text, "Rotate zebracorn") {
			t.Errorf("%s shows the restricted post-mortem to a viewer outside it", path)
		}
		if path == "/?q=zebracorn" && !strings.Contains(text, "Disk filled by logs") {
			t.Errorf("search lost the open post-mortem: %s", text)
		}
	}
	viewer.run(chromedp.Navigate(s.url+"/insights"), chromedp.WaitVisible(chromedp.CSS(`.kpis`)))
	if got := viewer.text(`.kpis .metric`); got != "1" {
		t.Errorf("insights count %q incidents for the viewer, want 1", got)
	}
	viewer.run(chromedp.Navigate(s.url+"/postmortems/"+secret.ID), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if got := viewer.text(`h1`); got != "Not found" {
		t.Errorf("the restricted post-mortem's address shows %q", got)
	}
	viewer.run(chromedp.Navigate(s.url+"/postmortems/"+open.ID), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	if n := get(viewer, chromedp.Evaluate[int](`document.querySelectorAll('a[href$="/edit"], .danger-zone').length`)); n != 0 {
		t.Error("a viewer is offered to edit or delete")
	}
	viewer.run(chromedp.Navigate(s.url+"/postmortems/"+open.ID+"/edit"), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if got := viewer.text(`h1`); got != "Not allowed" {
		t.Errorf("a viewer opening the edit form sees %q", got)
	}
	// The private calendar feed made on the account page hides it too.
	viewer.run(chromedp.Navigate(s.url+"/account"), chromedp.WaitVisible(chromedp.CSS(`form[action="/account/feed"] button`)),
		chromedp.Click(chromedp.CSS(`form[action="/account/feed"] button`)), chromedp.WaitVisible(chromedp.CSS(`code.secret`)))
	feedURL := viewer.text(`code.secret`)
	res, err := http.Get(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(feed), "Rotate logs") || strings.Contains(string(feed), "zebracorn") {
		t.Errorf("private feed %d:\n%s", res.StatusCode, feed)
	}
	res, err = http.Get(viewer.text(`#atom-url`) + "?tag=")
	if err != nil {
		t.Fatal(err)
	}
	feed, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(feed), "<feed") || strings.Contains(string(feed), "zebracorn") {
		t.Errorf("private Atom feed %d:\n%s", res.StatusCode, feed)
	}
	viewer.screenshot("account")

	// The reader it names sees it everywhere.
	reader := newBrowser(t)
	reader.signIn(s, "nia@example.com", "Nia Named", hindsight.Viewer)
	reader.run(chromedp.Navigate(s.url+"/?q=zebracorn"), chromedp.WaitVisible(chromedp.CSS(`.pm-item`)))
	if text := reader.text(`main`); !strings.Contains(text, "Credential leak") {
		t.Errorf("a named reader does not find it: %s", text)
	}
	reader.run(chromedp.Navigate(s.url+"/postmortems/"+secret.ID), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	if text := reader.text(`.pm-head`); !strings.Contains(text, "Restricted to nia@example.com") {
		t.Errorf("the page does not say who may see it: %s", text)
	}
	reader.screenshot("restricted")

	// Signing out ends the session: the next page asks to sign in.
	viewer.run(chromedp.Navigate(s.url+"/account"), chromedp.Click(chromedp.CSS(`form[action="/signout"] button`)), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	viewer.run(chromedp.Navigate(s.url+"/countermeasures"), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	if loc := get(viewer, chromedp.Location()); !strings.HasSuffix(loc, "/signin?next=%2Fcountermeasures") {
		t.Errorf("after sign-out: %s", loc)
	}
	viewer.screenshot("signin")
	viewer.clean()
	reader.clean()
}

// TestBrowserSessionExpiry leaves a session idle past its timeout: the
// next click asks to sign in again and comes back.
func TestBrowserSessionExpiry(t *testing.T) {
	s := newSite(t, func(c *config.Config) { c.SignIn.SessionIdle = 2 * time.Second })
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	time.Sleep(2500 * time.Millisecond)
	b.run(chromedp.Navigate(s.url+"/insights"), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	b.fillSignIn("mei@example.com")
	if loc := get(b, chromedp.Location()); !strings.HasSuffix(loc, "/insights") {
		t.Errorf("signing in again did not come back: %s", loc)
	}
	b.clean()
}
