package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// TestRevisitsCardBounded publishes twelve post-mortems a month ago: the
// home page lists the ten longest due and says how many more there are,
// linking to the tracker, which lists all twelve.
func TestRevisitsCardBounded(t *testing.T) {
	s := newSite(t)
	s.svc.Policy.PublishRules = nil
	published := time.Now().AddDate(0, 0, -40)
	s.svc.Now = func() time.Time { return published }
	for i := range 12 {
		p := &hindsight.PostMortem{Title: fmt.Sprintf("Outage number %02d", i), Severity: "SEV2", Status: hindsight.StatusPublished}
		if err := s.svc.Create(s.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	s.svc.Now = time.Now
	_, body := s.get("/")
	card := body[strings.Index(body, `class="card revisits-due"`):]
	card = card[:strings.Index(card, "</section>")]
	if n := strings.Count(card, "<li>"); n != 10 {
		t.Errorf("the home page lists %d due revisits, want 10", n)
	}
	mustContain(t, card, "and 2 more", `<a href="/countermeasures">all of them</a>`)
	_, body = s.get("/countermeasures")
	for i := range 12 {
		mustContain(t, body, fmt.Sprintf("Outage number %02d", i))
	}
}
