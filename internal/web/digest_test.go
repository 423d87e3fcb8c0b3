package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hindsight"
)

// TestWeeklyDigestSetting turns the weekly digest on and off on the
// account page, as a browser posts the form.
func TestWeeklyDigestSetting(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct {
		form url.Values
		want bool
		note string
	}{
		{url.Values{"weekly": {"1"}}, true, "The weekly digest is on"},
		{url.Values{}, false, "The weekly digest is off"},
	} {
		res, err := s.browser.PostForm(s.url+"/account/digest", c.form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("post %v: %d", c.form, res.StatusCode)
		}
		me, err := s.svc.Me(s.ctx)
		if err != nil || me.WeeklyDigest != c.want {
			t.Fatalf("after %v the setting is %v (%v)", c.form, me.WeeklyDigest, err)
		}
		page, err := s.browser.Get(s.url + res.Header.Get("Location"))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(page.Body)
		page.Body.Close()
		checked := strings.Contains(string(body), `name="weekly" value="1" checked`)
		if !strings.Contains(string(body), c.note) || checked != c.want {
			t.Errorf("the account page after %v: note %q missing or box checked=%v", c.form, c.note, checked)
		}
	}
	audit, err := s.svc.Audit(hindsight.CommandLine(t.Context()), hindsight.AuditFilter{Action: "user.digest"})
	if err != nil || len(audit.Items) != 2 {
		t.Fatalf("audit %+v %v", audit.Items, err)
	}
}
