package web_test

import (
	"fmt"
	"hindsight"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// writer drives the form as a person does and counts what it costs:
// a click to reach each field, button or option, a keystroke per
// character typed.
type writer struct {
	b            *browser
	clicks, keys int
}

func (w *writer) click(sel string) {
	w.b.t.Helper()
	w.clicks++
	w.b.run(chromedp.Click(chromedp.CSS(sel)))
}

func (w *writer) typeIn(id, text string) {
	w.b.t.Helper()
	w.clicks++
	w.keys += utf8.RuneCountInString(text)
	w.b.run(chromedp.SendKeys(chromedp.CSS(byID(id)), text))
}

// choose picks a select's option: open it, pick one.
func (w *writer) choose(id, value string) {
	w.b.t.Helper()
	w.clicks += 2
	w.b.run(chromedp.SetValue(chromedp.CSS(byID(id)), value))
}

// day types a date into a date input: eight digits.
func (w *writer) day(id, ymd string) {
	w.b.t.Helper()
	w.clicks++
	w.keys += 8
	w.b.run(chromedp.SetValue(chromedp.CSS(byID(id)), ymd))
}

// TestBrowserReferencePostMortem writes the guide's complete post-mortem
// — meeting details, 5 incident times, 8 events from 3 perspectives, 5
// whys, 3 countermeasures, 4 stakeholders, 2 tickets and an image, all
// before its first save — in a browser set to Europe/Berlin, counts the clicks and keystrokes it takes
// (written to artifacts/reference-steps.txt) and checks what was stored.
func TestBrowserReferencePostMortem(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "ana@example.com", "Ana Souza", hindsight.Editor)
	b.inZone("Europe/Berlin")
	w := &writer{b: b}
	b.run(chromedp.Navigate(s.url + "/"))
	b.waitZone("Europe/Berlin")
	w.click(`a[href="/postmortems/new"]`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#title`)))

	w.typeIn("title", "Checkout payments timed out after a connection pool change")
	w.choose("severity", "SEV2")
	w.typeIn("team", "Payments")
	w.typeIn("services", "checkout, payments-api")
	w.typeIn("tags", "payments, database")
	w.day("meeting.date_day", "2026-03-12")
	w.typeIn("meeting.date_time", "1500")
	w.typeIn("meeting.contact", "Ana Souza")
	w.typeIn("meeting.facilitated_by", "Mei Lin")
	// "Created by" is the writer, filled in already.

	w.day("incident.started_at_day", "2026-03-10")
	w.typeIn("incident.started_at_time", "0942")
	w.typeIn("incident.detected_at_time", "0958")
	w.typeIn("incident.ended_at_time", "1105")
	w.typeIn("incident.additional_times.0.label", "First User Report")
	w.typeIn("incident.additional_times.0.at_time", "0951")
	w.click(`button[value="add:incident.additional_times"]`)
	w.typeIn("incident.additional_times.1.label", "Hotfix")
	w.typeIn("incident.additional_times.1.at_time", "1047")
	w.typeIn("description", "Card payments failed for 83 minutes; about 12% of checkouts timed out.")

	events := []struct{ at, who, kind, text, effect string }{
		{"0940", "Ben Okafor", "action", "Deploy lowers the database pool size from 50 to 5", ""},
		{"0942", "Ana Souza", "observation", "Checkout latency rises; payments start timing out", "Customers see errors"},
		{"0951", "Ana Souza", "communication", "Support reports failed card payments", ""},
		{"0958", "Mei Lin", "observation", "Timeout alert pages the on-call engineer", "Investigation starts"},
		{"1010", "Mei Lin", "investigation", "Database CPU is normal; connection waits are high", "Database ruled out"},
		{"1032", "Ben Okafor", "decision", "Roll back the pool size change", ""},
		{"1047", "Ben Okafor", "resolution", "Pool size restored to 50", "Timeouts stop"},
		{"1105", "Ana Souza", "observation", "Payment success rate back to normal", "Incident over"},
	}
	for i, e := range events {
		if i >= 3 {
			w.click(`button[value="add:events"]`)
		}
		n := fmt.Sprintf("events.%d.", i)
		w.typeIn(n+"at_time", e.at)
		w.typeIn(n+"reported_by", e.who)
		w.choose(n+"kind", e.kind)
		w.typeIn(n+"text", e.text)
		if e.effect != "" {
			w.typeIn(n+"effect", e.effect)
		}
	}
	w.typeIn("remediation", "Pool size restored; pool changes now checked against peak load.")
	w.typeIn("bug_tickets.0.ref", "PAY-1234")
	w.typeIn("bug_tickets.0.url", "https://tracker.example.com/PAY-1234")
	w.click(`button[value="add:bug_tickets"]`)
	w.typeIn("bug_tickets.1.ref", "OPS-77")
	w.typeIn("summary", "A configuration change lowered the database pool size, so payments waited for connections and timed out.")
	whys := [][2]string{
		{"Why did payments time out?", "They waited for a database connection."},
		{"Why did they wait?", "The pool had 5 connections for 40 workers."},
		{"Why was the pool so small?", "A config change lowered it from 50 to 5."},
		{"Why was the change not caught?", "Pool sizes are not checked against peak load."},
		{"Why are they not checked?", "Nobody owns capacity checks for configuration."},
	}
	for i, q := range whys {
		w.typeIn(fmt.Sprintf("whys.%d.question", i), q[0])
		w.typeIn(fmt.Sprintf("whys.%d.answer", i), q[1])
	}
	w.typeIn("root_cause", "Configuration changes that affect capacity are not checked against peak load.")
	cms := []struct{ title, kind, prio, owner, due string }{
		{"Check pool sizes against peak load in CI", "prevent", "P1", "Ben Okafor", "2026-04-01"},
		{"Alert on connection wait time", "detect", "P2", "Mei Lin", "2026-04-15"},
		{"Name an owner for capacity checks", "process", "P3", "Ana Souza", "2026-05-01"},
	}
	for i, c := range cms {
		if i >= 2 {
			w.click(`button[value="add:countermeasures"]`)
		}
		n := fmt.Sprintf("countermeasures.%d.", i)
		w.typeIn(n+"title", c.title)
		w.choose(n+"kind", c.kind)
		w.choose(n+"priority", c.prio)
		w.typeIn(n+"owner", c.owner)
		w.day(n+"due", c.due)
	}
	people := []struct{ name, role string }{{"Ben Okafor", "decided"}, {"Ana Souza", "identified"}, {"Mei Lin", "diagnosed"}, {"Support", "affected"}}
	for i, p := range people {
		if i >= 2 {
			w.click(`button[value="add:stakeholders"]`)
		}
		n := fmt.Sprintf("stakeholders.%d.", i)
		w.typeIn(n+"name", p.name)
		w.click(fmt.Sprintf(`input[name="%sroles"][value="%s"]`, n, p.role))
	}
	// The image, uploaded before the first save.
	png := filepath.Join(t.TempDir(), "connection-waits.png")
	writePNG(t, png)
	w.clicks += 2 // open the file chooser, pick the file
	b.run(chromedp.SetUploadFiles(chromedp.CSS(`#image`), []string{png}))
	w.typeIn("image_alt", "Connection waits rising from 2 ms to 30 s at 09:42")
	w.click(`[data-upload] button`)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(b.value(`#additional_info`), "![Connection waits") {
		if time.Now().After(deadline) {
			t.Fatal("the image was not placed")
		}
		time.Sleep(100 * time.Millisecond)
	}
	w.click(`.side-actions button[type=submit]`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)), chromedp.WaitVisible(chromedp.CSS(`.prose img[alt^="Connection waits"]`)))
	id := strings.TrimSuffix(strings.TrimPrefix(get(b, chromedp.Location()), s.url+"/postmortems/"), "?saved=1")

	p, err := s.svc.Get(s.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Incident.StartedAt.UTC().Format(time.RFC3339); got != "2026-03-10T08:42:00Z" {
		t.Errorf("start stored as %s, want 09:42 Berlin = 08:42Z", got)
	}
	if len(p.Events) != 8 || len(p.Whys) != 5 || len(p.Countermeasures) != 3 || len(p.Stakeholders) != 4 || len(p.BugTickets) != 2 || len(p.Incident.AdditionalTimes) != 2 {
		t.Errorf("stored %d events, %d whys, %d countermeasures, %d stakeholders, %d tickets, %d additional times",
			len(p.Events), len(p.Whys), len(p.Countermeasures), len(p.Stakeholders), len(p.BugTickets), len(p.Incident.AdditionalTimes))
	}
	if refs := p.AttachmentRefs(); len(refs) != 1 || !strings.Contains(p.AdditionalInfo, "![Connection waits rising") {
		t.Errorf("additional info: %q", p.AdditionalInfo)
	}
	if p.Meeting.CreatedBy != "Ana Souza" || p.Meeting.FacilitatedBy != "Mei Lin" {
		t.Errorf("meeting: %+v", p.Meeting)
	}
	b.screenshot("reference")
	report := fmt.Sprintf("Writing the reference post-mortem: %d clicks, %d keystrokes\n", w.clicks, w.keys)
	os.MkdirAll(filepath.Join("..", "..", "artifacts"), 0o755)
	os.WriteFile(filepath.Join("..", "..", "artifacts", "reference-steps.txt"), []byte(report), 0o644)
	t.Log(report)
	b.clean()
}
