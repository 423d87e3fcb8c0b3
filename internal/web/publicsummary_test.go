package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"hindsight"
)

// markers hands out a unique marker for each internal field, so any of
// them showing up in public can be named.
type markers struct{ all []string }

func (m *markers) next(field string) string {
	s := fmt.Sprintf("zqint%02d%s", len(m.all), strings.ToLower(strings.ReplaceAll(field, " ", "")))
	m.all = append(m.all, s)
	return s
}

// TestPublicSummaryLeaksNothing fills every internal field of a
// post-mortem — and its review, comments, verifications and revisit —
// with a unique marker, writes and publishes a public summary, and reads
// its public page and the public feed (parsed by a real feed parser)
// without signing in: the summary is there, no marker and not the
// post-mortem's id. Restricting the post-mortem takes it down.
func TestPublicSummaryLeaksNothing(t *testing.T) {
	s := newSite(t)
	m := &markers{}
	at := time.Now().Add(-72 * time.Hour).UTC()
	due := hindsight.Date{Year: 2027, Month: 1, Day: 15}
	p := &hindsight.PostMortem{Title: m.next("title"), Status: hindsight.StatusPublished, Severity: "SEV3", Team: m.next("team"), Services: []string{m.next("service")},
		Meeting:     hindsight.Meeting{Date: &at, Contact: m.next("contact"), CreatedBy: m.next("createdby"), FacilitatedBy: m.next("facilitatedby")},
		Incident:    hindsight.Incident{StartedAt: &at, DetectedAt: &at, EndedAt: &at, AdditionalTimes: []hindsight.LabelledTime{{Label: m.next("timelabel"), At: at}}},
		Description: m.next("description"), AdditionalInfo: m.next("additionalinfo"), Remediation: m.next("remediation"), Summary: m.next("summary"),
		Events:     []hindsight.Event{{At: &at, ReportedBy: m.next("reportedby"), Kind: hindsight.EventAction, Text: m.next("eventtext"), Effect: m.next("effect")}},
		BugTickets: []hindsight.BugTicket{{Ref: m.next("ticketref"), URL: "https://tracker.example.com/" + m.next("ticketurl")}},
		Tags:       []string{m.next("tag")}, RootCause: m.next("rootcause"),
		Whys: []hindsight.Why{{Question: m.next("whyq"), Answer: m.next("whya")}},
		Countermeasures: []hindsight.Countermeasure{{Title: m.next("cmtitle"), Kind: hindsight.KindPrevent, Priority: hindsight.P1, Owner: m.next("cmowner"),
			Due: &due, Status: hindsight.CMDone, Ticket: m.next("cmticket")}},
		Stakeholders:  []hindsight.Stakeholder{{Name: m.next("stakeholder"), Email: m.next("stakeholderemail") + "@example.com", Roles: []hindsight.Role{hindsight.RoleAffected}}},
		OtherSections: []hindsight.Section{{Heading: m.next("sectionheading"), Body: m.next("sectionbody")}},
		ChangeNote:    m.next("changenote"),
	}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.AddComment(s.ctx, p.ID, hindsight.NewComment{Anchor: "events[0]", Body: m.next("comment")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.SubmitReview(s.ctx, p.ID, p.Version, hindsight.VerdictChangesRequested, m.next("reviewnote")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.VerifyCountermeasure(s.ctx, p.ID, p.Version, p.Countermeasures[0].ID, m.next("verification")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.RecordRevisit(s.ctx, p.ID, hindsight.RevisitAnswers{CountermeasuresDone: "no", StillEffective: "unknown", Recurred: "no",
		Learned: m.next("learned"), Notes: m.next("revisitnotes")}); err != nil {
		t.Fatal(err)
	}

	form := url.Values{"title": {"Checkout was slow for some customers"}, "customer_impact": {"Some card payments took up to a minute."},
		"timeline": {"09:40 UTC payments slowed; 11:05 UTC back to normal."}, "actions": {"We are adding capacity checks before changes."}}
	form.Set("action", "preview")
	code, _, body := s.post("/postmortems/"+p.ID+"/public", form)
	if code != http.StatusOK || !strings.Contains(body, `class="preview-public"`) || !strings.Contains(body, "Some card payments took up to a minute.") {
		t.Fatalf("preview %d:\n%s", code, body)
	}
	if ps, _ := s.svc.PublicSummary(s.ctx, p.ID); ps != nil {
		t.Fatal("a preview saved the summary")
	}
	form.Set("action", "save")
	form.Set("publish", "true")
	if code, loc, body := s.post("/postmortems/"+p.ID+"/public", form); code != http.StatusSeeOther {
		t.Fatalf("save %d %s:\n%s", code, loc, body)
	}
	ps, err := s.svc.PublicSummary(s.ctx, p.ID)
	if err != nil || ps == nil || ps.PublishedAt == nil {
		t.Fatalf("saved: %+v %v", ps, err)
	}

	anon := func(path string) (int, string) {
		res, err := http.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	noLeak := func(where, text string) {
		t.Helper()
		low := strings.ToLower(text)
		for _, mk := range m.all {
			if strings.Contains(low, mk) {
				t.Errorf("%s shows the internal %s", where, mk)
			}
		}
		if strings.Contains(text, p.ID) {
			t.Errorf("%s shows the post-mortem's id", where)
		}
	}
	code, page := anon("/public/" + ps.PublicID)
	if code != http.StatusOK {
		t.Fatalf("public page %d:\n%s", code, page)
	}
	mustContain(t, page, "Checkout was slow for some customers", "Some card payments took up to a minute.", "11:05 UTC back to normal.", "capacity checks")
	noLeak("the public page", page)
	code, feed := anon("/public/feed.atom")
	if code != http.StatusOK {
		t.Fatalf("public feed %d", code)
	}
	noLeak("the public feed", feed)
	f, err := gofeed.NewParser().ParseString(feed)
	if err != nil || f.FeedType != "atom" || len(f.Items) != 1 || f.Items[0].Title != "Checkout was slow for some customers" ||
		!strings.HasSuffix(f.Items[0].Link, "/public/"+ps.PublicID) || !strings.Contains(f.Items[0].Content, "capacity checks") {
		t.Fatalf("the feed parsed as %+v %v:\n%s", f, err, feed)
	}
	if len(m.all) < 30 {
		t.Fatalf("only %d internal fields marked", len(m.all))
	}

	// Restricting the post-mortem takes the summary down at once.
	cur, err := s.svc.Get(s.ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur.Access = hindsight.Access{Restricted: true}
	if err := s.svc.Update(s.ctx, cur); err != nil {
		t.Fatal(err)
	}
	if code, _ := anon("/public/" + ps.PublicID); code != http.StatusNotFound {
		t.Errorf("a restricted post-mortem's summary answers %d", code)
	}
	if _, feed := anon("/public/feed.atom"); strings.Contains(feed, "<entry>") {
		t.Errorf("the feed still lists it:\n%s", feed)
	}
	form.Set("action", "save")
	if code, _, body := s.post("/postmortems/"+p.ID+"/public", form); code != http.StatusBadRequest || !strings.Contains(body, "restricted post-mortem gets no public summary") {
		t.Errorf("publishing a restricted one: %d", code)
	}
}
