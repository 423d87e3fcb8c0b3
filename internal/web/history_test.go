package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// TestHistoryPages saves a post-mortem twice from the form with notes,
// then reads the history, compares two versions, opens an old one and
// restores it — and the history keeps every step.
func TestHistoryPages(t *testing.T) {
	s := newSite(t)
	form := filledForm()
	form.Set("change_note", "first draft")
	_, loc, _ := s.post("/postmortems", form)
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	form.Set("version", "1")
	form.Set("title", "Search latency spike after the nightly index rebuild")
	form.Set("change_note", "named the rebuild")
	if code, _, body := s.post("/postmortems/"+id, form); code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", code, body)
	}
	form.Set("version", "2")
	form.Set("change_note", "two\nlines")
	if code, _, body := s.post("/postmortems/"+id, form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "must be one line") {
		t.Fatalf("a two-line note: %d", code)
	}

	_, view := s.get("/postmortems/" + id)
	mustContain(t, view, `href="/postmortems/`+id+`/history"`, `href="/postmortems/`+id+`/compare"`)
	_, hist := s.get("/postmortems/" + id + "/history")
	mustContain(t, hist, "Version 2", "Version 1", "“named the rebuild”", "“first draft”", "by Priya Raman", `data-label="Changed">title`, "Created",
		`name="from" value="1" id="from-1" checked`, `name="to" value="2" id="to-2" checked`)
	if strings.Contains(hist, "named the rebuild</p>\n") && strings.Count(hist, "badge\">current") != 1 {
		t.Error("the current version is not marked once")
	}

	_, cmp := s.get("/postmortems/" + id + "/compare?from=1&to=2")
	mustContain(t, cmp, "Version 1 and version 2", `<ins><span class="visually-hidden">added: </span>the nightly </ins>`, "<h2 id=\"c-0\">Post-mortem</h2>")
	if code, _ := s.get("/postmortems/" + id + "/compare?from=nine"); code != http.StatusBadRequest {
		t.Errorf("a bad version to compare: %d", code)
	}

	_, old := s.get("/postmortems/" + id + "/versions/1")
	mustContain(t, old, "You are reading version 1, not the current one", `action="/postmortems/`+id+`/versions/1/restore"`, `name="version" value="2"`)
	if strings.Contains(old, `/edit"`) {
		t.Error("an old version offers to edit")
	}
	if code, _, _ := s.post("/postmortems/"+id+"/versions/1/restore", url.Values{"version": {"1"}}); code != http.StatusConflict {
		t.Fatalf("restore from a stale page: %d", code)
	}
	code, loc, _ := s.post("/postmortems/"+id+"/versions/1/restore", url.Values{"version": {"2"}, "change_note": {"the old title was right"}})
	if code != http.StatusSeeOther || loc != "/postmortems/"+id+"?restored=1" {
		t.Fatalf("restore: %d %q", code, loc)
	}
	_, view = s.get(loc)
	mustContain(t, view, "Version 1 restored as version 3.", "Search latency spike after index rebuild")
	_, hist = s.get("/postmortems/" + id + "/history")
	mustContain(t, hist, "Restored version 1", "“the old title was right”")
}

// TestTrashPages deletes a post-mortem to the trash, restores it, deletes
// it again and purges it as an admin.
func TestTrashPages(t *testing.T) {
	s := newSite(t)
	p := &hindsight.PostMortem{Title: "Cache stampede at noon", Countermeasures: []hindsight.Countermeasure{{Title: "Jitter the expiry", Owner: "Priya Raman"}}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	_, ask := s.get("/postmortems/" + p.ID + "/delete")
	mustContain(t, ask, "Delete “Cache stampede at noon”?", `name="version" value="1"`)
	if strings.Contains(ask, "is called off") {
		t.Error("the question speaks of a meeting that was never scheduled")
	}
	code, loc, _ := s.post("/postmortems/"+p.ID+"/delete", url.Values{"version": {"1"}, "confirm": {"yes"}})
	if code != http.StatusSeeOther || loc != "/trash?flash=deleted" {
		t.Fatalf("delete: %d %q", code, loc)
	}
	_, trash := s.get(loc)
	mustContain(t, trash, "Moved to the trash.", "Cache stampede at noon", "Deleted for good", `action="/trash/`+p.ID+`/restore"`)
	if strings.Contains(trash, "/purge") {
		t.Error("an editor is offered to purge")
	}
	if _, home := s.get("/"); strings.Contains(home, "Cache stampede") || !strings.Contains(home, `<a href="/trash">Trash</a>`) {
		t.Error("the home page lists a trashed post-mortem, or does not link to the trash")
	}
	if _, tracker := s.get("/countermeasures"); strings.Contains(tracker, "Jitter the expiry") {
		t.Error("the tracker lists a trashed post-mortem's countermeasure")
	}
	if code, loc, _ := s.post("/trash/"+p.ID+"/restore", nil); code != http.StatusSeeOther || loc != "/postmortems/"+p.ID {
		t.Fatalf("restore: %d %q", code, loc)
	}
	if _, tracker := s.get("/countermeasures"); !strings.Contains(tracker, "Jitter the expiry") {
		t.Error("the countermeasure did not come back")
	}
	// With a meeting scheduled, the question says it will be called off.
	if _, err := s.svc.ScheduleMeeting(s.ctx, p.ID, 1, time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC), []string{"sam@example.com"}); err != nil {
		t.Fatal(err)
	}
	_, ask = s.get("/postmortems/" + p.ID + "/delete")
	mustContain(t, ask, "Its meeting on Thu 3 Dec 2026, 15:30 UTC is called off: everyone invited (1) is sent a cancellation")
	if code, _, _ := s.post("/postmortems/"+p.ID+"/delete", url.Values{"version": {"2"}, "confirm": {"yes"}}); code != http.StatusSeeOther {
		t.Fatalf("delete again: %d", code)
	}
	if code, _, _ := s.post("/trash/"+p.ID+"/purge", url.Values{"confirm": {"yes"}}); code != http.StatusForbidden {
		t.Fatalf("an editor purged: %d", code)
	}
	admin, _ := s.signIn("ada@example.com", "Ada Admin", hindsight.Admin)
	s.browser = admin
	_, trash = s.get("/trash")
	mustContain(t, trash, `href="/trash/`+p.ID+`/purge"`)
	_, confirm := s.get("/trash/" + p.ID + "/purge")
	mustContain(t, confirm, "cannot be restored", `name="confirm" value="yes"`)
	if code, loc, _ := s.post("/trash/"+p.ID+"/purge", url.Values{"confirm": {"yes"}}); code != http.StatusSeeOther || loc != "/trash" {
		t.Fatalf("purge: %d %q", code, loc)
	}
	if _, trash = s.get("/trash"); !strings.Contains(trash, "The trash is empty.") {
		t.Error("purged, yet in the trash")
	}
}

// TestCountermeasureHistoryShown checks the view and the tracker say who
// moved a countermeasure to done and when, and who verified it.
func TestCountermeasureHistoryShown(t *testing.T) {
	s := newSite(t)
	p := &hindsight.PostMortem{Title: "Queue backlog", Countermeasures: []hindsight.Countermeasure{{Title: "Alert on lag", Owner: "Priya Raman"}}}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	done, err := s.svc.SetCountermeasureStatus(s.ctx, p.ID, 1, p.Countermeasures[0].ID, hindsight.CMDone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.VerifyCountermeasure(s.ctx, p.ID, done.Version, p.Countermeasures[0].ID, "lag alert fired in the drill"); err != nil {
		t.Fatal(err)
	}
	_, view := s.get("/postmortems/" + p.ID)
	_, tracker := s.get("/countermeasures")
	for name, body := range map[string]string{"view": view, "tracker": tracker} {
		if !strings.Contains(body, " by Priya Raman</span>") || !strings.Contains(body, "verified ") || !strings.Contains(body, "Priya Raman moved from open to done") ||
			!strings.Contains(body, "verified it still takes effect: lag alert fired in the drill") {
			t.Errorf("%s does not show the countermeasure's history", name)
		}
	}
}

// historyFor edits p twice — text, times, events, countermeasures and
// stakeholders — so its history and comparisons have every kind of
// change, and moves another post-mortem to the trash, which it returns.
func historyFor(t *testing.T, s *site, p *hindsight.PostMortem) *hindsight.PostMortem {
	t.Helper()
	p.Title += " in checkout"
	p.Summary = "A configuration change lowered the database pool size to 5, so payments waited for connections and timed out."
	p.Events[1].Text = "Timeout alert pages the payments on-call engineer"
	p.Events = append(p.Events, hindsight.Event{At: p.Incident.EndedAt, ReportedBy: "Mei Lin", Kind: hindsight.EventCommunication, Text: "Status page updated: resolved"})
	p.Countermeasures[0].Status = hindsight.CMDone
	p.Stakeholders = p.Stakeholders[:1]
	p.ChangeNote = "added the status page update"
	if err := s.svc.Update(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Incident.DetectedAt = p.Incident.StartedAt
	p.Countermeasures = append(p.Countermeasures, hindsight.Countermeasure{Title: "Load test the checkout pool", Owner: "Mei Lin", Priority: "P2"})
	if err := s.svc.Update(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	gone := &hindsight.PostMortem{Title: "Duplicate of the checkout post-mortem", Severity: "SEV3"}
	if err := s.svc.Create(s.ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := s.svc.Delete(s.ctx, gone.ID, gone.Version); err != nil {
		t.Fatal(err)
	}
	return gone
}
