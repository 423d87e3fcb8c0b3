package web_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hindsight"
)

// withoutScript makes the tab load pages with JavaScript off, as some
// readers (and every script failure) do.
func (b *browser) withoutScript() {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		b.t.Fatalf("disable JavaScript: %v", err)
	}
}

// scriptBrowser is a new browser signed in with the role, its page script
// on or off.
func scriptBrowser(t *testing.T, s *site, script bool, role hindsight.UserRole) *browser {
	b := newBrowser(t)
	b.signIn(s, fmt.Sprintf("%s-script-%v@example.com", role, script), "Writer", role)
	if !script {
		b.withoutScript()
	}
	return b
}

// focused describes the element that has the keyboard.
func (b *browser) focused() string {
	b.t.Helper()
	return get(b, chromedp.Evaluate[string](`(() => { const el = document.activeElement; return el ? (el.id || el.getAttribute("aria-label") || el.tagName) : ""; })()`))
}

// eventually waits up to ten seconds for a condition on the page, across
// page loads (a form posted without script loads a new page).
func (b *browser) eventually(js string) bool {
	b.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return true
		}
	}
	return false
}

// focusOn is a condition: the keyboard is on the element so named.
func focusOn(label string) string {
	return `document.readyState === "complete" && !!document.activeElement && document.activeElement.getAttribute("aria-label") === ` + jsString(label)
}

// savedID is the post-mortem the browser's view page shows.
func savedID(b *browser, s *site) string {
	b.t.Helper()
	loc := get(b, chromedp.Location())
	return strings.TrimSuffix(strings.TrimPrefix(loc, s.url+"/postmortems/"), "?saved=1")
}

// TestBrowserUnsavedWarning leaves the form with changes (the browser asks
// first), without changes (it does not) and by saving (it does not, and
// the draft kept on the device is gone).
func TestBrowserUnsavedWarning(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	b.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS(`main`)))
	if n := b.leaveWarnings(); n != 0 {
		t.Errorf("leaving an untouched form warned %d times", n)
	}
	b.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Half-written"),
		chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS(`main`)))
	if n := b.leaveWarnings(); n != 1 {
		t.Errorf("leaving a changed form warned %d times, want once", n)
	}
	b.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.Click(chromedp.CSS(`[data-draft-note] button:last-of-type`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Saved at once"),
		chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	if n := b.leaveWarnings(); n != 0 {
		t.Errorf("saving warned about leaving %d times", n)
	}
	if left := get(b, chromedp.Evaluate[int](`Object.keys(localStorage).filter(k => k.startsWith("hindsight-draft:")).length`)); left != 0 {
		t.Errorf("%d drafts are still kept on the device after the save", left)
	}
	// The edit form warns too; cancelling is leaving on purpose.
	id := savedID(b, s)
	b.run(chromedp.Navigate(s.url+"/postmortems/"+id+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#summary`)),
		chromedp.SendKeys(chromedp.CSS(`#summary`), "Changed my mind"),
		chromedp.Click(chromedp.CSS(`.savebar a[data-cancel]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	if n := b.leaveWarnings(); n != 0 {
		t.Errorf("cancel warned about leaving %d times", n)
	}
	b.clean()
}

// TestBrowserDraftKept types a post-mortem in a tab, adds rows and closes
// the tab at once; the form opened again offers the draft, restores every
// field and row, and discarding it forgets it.
func TestBrowserDraftKept(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	tab, closeTab := b.tab()
	tab.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)))
	events := get(tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-list="events"] [data-row]').length`))
	cms := get(tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-list="countermeasures"] [data-row]').length`))
	lastEvent := byID("events." + strconv.Itoa(events) + ".text")
	lastCM := "countermeasures." + strconv.Itoa(cms)
	want := map[string]string{
		`#title`: "Search timed out after an index rebuild", `#severity`: "SEV2", `#team`: "Search",
		byID("incident.started_at_day"): "2026-05-04", byID("incident.started_at_time"): "09:42",
		byID("events.0.text"): "Rebuild starts\non the primary", byID("events.0.reported_by"): "Ana Souza",
		lastEvent: "Queries time out", byID(lastCM + ".title"): "Rebuild on a replica", byID(lastCM + ".owner"): "Ana Souza",
		`#summary`: "A rebuild on the primary starved queries.",
	}
	tab.run(chromedp.SetValue(chromedp.CSS(`#severity`), "SEV2"), chromedp.SetValue(chromedp.CSS(byID("incident.started_at_day")), "2026-05-04"),
		chromedp.SendKeys(chromedp.CSS(`#title`), want[`#title`]), chromedp.SendKeys(chromedp.CSS(`#team`), "Search"),
		chromedp.SendKeys(chromedp.CSS(byID("incident.started_at_time")), "09:42"),
		chromedp.SendKeys(chromedp.CSS(byID("events.0.text")), want[byID("events.0.text")]),
		chromedp.SendKeys(chromedp.CSS(byID("events.0.reported_by")), "Ana Souza"),
		chromedp.Click(chromedp.CSS(`button[value="add:events"]`)), chromedp.SendKeys(chromedp.CSS(lastEvent), "Queries time out"),
		chromedp.Click(chromedp.CSS(`button[value="add:countermeasures"]`)),
		chromedp.SendKeys(chromedp.CSS(byID(lastCM+".title")), "Rebuild on a replica"),
		chromedp.SendKeys(chromedp.CSS(byID(lastCM+".owner")), "Ana Souza"),
		chromedp.Click(chromedp.CSS(`input[name="stakeholders.0.roles"][value="responded"]`)),
		chromedp.SendKeys(chromedp.CSS(`#summary`), want[`#summary`]))
	closeTab()

	b.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`[data-draft-note] button`)))
	if got := b.text(`[data-draft-note]`); !strings.Contains(got, "kept on this device") {
		t.Errorf("the draft is offered as %q", got)
	}
	if got := b.value(`#title`); got != "" {
		t.Errorf("the draft was put in the form before it was asked for: %q", got)
	}
	b.screenshot("draft-offered")
	b.run(chromedp.Click(chromedp.CSS(`[data-draft-note] button:first-of-type`)), chromedp.WaitNotVisible(chromedp.CSS(`[data-draft-note]`)))
	for sel, v := range want {
		if got := b.value(sel); got != v {
			t.Errorf("restored %s = %q, want %q", sel, got, v)
		}
	}
	if !get(b, chromedp.Evaluate[bool](`document.querySelector('input[name="stakeholders.0.roles"][value="responded"]').checked`)) {
		t.Error("the checked role was not restored")
	}
	if n := get(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-list="events"] [data-row]').length`)); n != events+1 {
		t.Errorf("restored %d event rows, want %d", n, events+1)
	}

	// Offered again until saved or discarded; discarded, it is gone.
	b.run(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`[data-draft-note] button`)))
	b.leaveWarnings() // the restored draft is unsaved work
	b.run(chromedp.Click(chromedp.CSS(`[data-draft-note] button:last-of-type`)), chromedp.WaitNotVisible(chromedp.CSS(`[data-draft-note]`)))
	if left := get(b, chromedp.Evaluate[int](`Object.keys(localStorage).filter(k => k.startsWith("hindsight-draft:")).length`)); left != 0 {
		t.Errorf("%d drafts are kept after discarding", left)
	}
	b.run(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#title`)))
	if !get(b, chromedp.Evaluate[bool](`document.querySelector("[data-draft-note]").hidden`)) {
		t.Error("a discarded draft is offered again")
	}
	b.clean()
}

// TestBrowserEnterSaves presses Enter in text inputs, with and without the
// page script: the form is saved, rows stay where they were.
func TestBrowserEnterSaves(t *testing.T) {
	s := newSite(t)
	for _, script := range []bool{true, false} {
		b := scriptBrowser(t, s, script, hindsight.Editor)
		b.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
			chromedp.SendKeys(chromedp.CSS(`#title`), "Enter saves"),
			chromedp.SendKeys(chromedp.CSS(byID("events.0.text")), "First"),
			chromedp.SendKeys(chromedp.CSS(byID("events.1.text")), "Second"),
			chromedp.SendKeys(chromedp.CSS(byID("events.1.effect")), "Pressed Enter here\r"),
			chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
		p, err := s.svc.Get(s.ctx, savedID(b, s))
		if err != nil {
			t.Fatalf("script %v: Enter did not save: %v", script, err)
		}
		if len(p.Events) != 2 || p.Events[0].Text != "First" || p.Events[1].Effect != "Pressed Enter here" {
			t.Errorf("script %v: saved events %+v", script, p.Events)
		}
		b.clean()
	}
}

// TestBrowserReorderKeepsFocus moves rows with the keyboard, with and
// without the page script: the keyboard stays on the moved row's button
// and the new order is saved.
func TestBrowserReorderKeepsFocus(t *testing.T) {
	s := newSite(t)
	for _, script := range []bool{true, false} {
		p := &hindsight.PostMortem{Title: "Reorder", Events: []hindsight.Event{{Text: "A"}, {Text: "B"}, {Text: "C"}}}
		if err := s.svc.Create(s.ctx, p); err != nil {
			t.Fatal(err)
		}
		b := scriptBrowser(t, s, script, hindsight.Editor)
		b.run(chromedp.Navigate(s.url+"/postmortems/"+p.ID+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
			chromedp.Focus(chromedp.CSS(`button[value="up:events:1"]`)), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(`#title`)))
		if !b.eventually(`document.getElementById("events.0.text").value === "B"`) {
			t.Fatalf("script %v: the rows were not moved: %s", script, `document.getElementById("events.0.text").value === "B"`)
		}
		if !b.eventually(focusOn("Move event 1 up")) {
			t.Errorf("script %v: after moving event 2 up the keyboard is on %q", script, b.focused())
		}
		// Down again with the keyboard, then C to the top with two moves.
		b.run(chromedp.KeyEvent("\t"), chromedp.KeyEvent("\r"))
		if !b.eventually(`document.getElementById("events.1.text").value === "B"`) {
			t.Fatalf("script %v: the rows were not moved: %s", script, `document.getElementById("events.1.text").value === "B"`)
		}
		if !b.eventually(focusOn("Move event 2 down")) {
			t.Errorf("script %v: after moving event 1 down the keyboard is on %q", script, b.focused())
		}
		b.run(chromedp.Focus(chromedp.CSS(`button[value="up:events:2"]`)), chromedp.KeyEvent("\r"))
		if !b.eventually(`document.getElementById("events.1.text").value === "C"`) {
			t.Fatalf("script %v: the rows were not moved: %s", script, `document.getElementById("events.1.text").value === "C"`)
		}
		// The next Enter must reach the moved row's button: without the
		// script the page is loaded anew and the focus set as it loads.
		if !b.eventually(focusOn("Move event 2 up")) {
			t.Errorf("script %v: after moving event 3 up the keyboard is on %q", script, b.focused())
		}
		b.run(chromedp.KeyEvent("\r"))
		if !b.eventually(`document.getElementById("events.0.text").value === "C"`) {
			t.Fatalf("script %v: the rows were not moved: %s", script, `document.getElementById("events.0.text").value === "C"`)
		}
		if !b.eventually(focusOn("Move event 1 up")) {
			t.Errorf("script %v: after moving event 3 up twice the keyboard is on %q", script, b.focused())
		}
		b.run(chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
		stored, _ := s.svc.Get(s.ctx, p.ID)
		var order []string
		for _, e := range stored.Events {
			order = append(order, e.Text)
		}
		if strings.Join(order, "") != "CAB" {
			t.Errorf("script %v: saved order %v, want C A B", script, order)
		}
		b.clean()
	}
}

// TestBrowserErrorSummary saves a form with three errors: the keyboard
// goes to the summary, whose links lead to fields marked invalid and
// described by their message.
func TestBrowserErrorSummary(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	b.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(byID("incident.started_at_time")), "25:00"),
		chromedp.SendKeys(chromedp.CSS(byID("stakeholders.0.name")), "Ana Souza"),
		chromedp.SendKeys(chromedp.CSS(byID("stakeholders.0.email")), "not an address"),
		chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#errors`)))
	if got := b.focused(); got != "errors" {
		t.Errorf("the keyboard is on %q, not the error summary", got)
	}
	links := get(b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#errors a"), a => a.getAttribute("href"))`))
	if len(links) != 3 {
		t.Fatalf("the summary links %d errors, want 3: %v", len(links), links)
	}
	for i, href := range links {
		id := strings.TrimPrefix(href, "#")
		check := get(b, chromedp.Evaluate[string](`(() => {
			const el = document.getElementById(`+jsString(id)+`), link = document.querySelectorAll("#errors a")[`+strconv.Itoa(i)+`];
			if (!el) return "no field";
			if (el.getAttribute("aria-invalid") !== "true") return "not aria-invalid";
			const said = (el.getAttribute("aria-describedby") || "").split(/\s+/).map(d => document.getElementById(d)).filter(Boolean).map(d => d.textContent.trim());
			const msg = link.textContent.split(": ").slice(1).join(": ");
			return said.some(s => s === msg) ? "" : "described by " + JSON.stringify(said) + ", not " + JSON.stringify(msg);
		})()`))
		if check != "" {
			t.Errorf("error link %s: %s", href, check)
		}
		b.run(chromedp.Click(chromedp.CSS(`#errors a[href="` + href + `"]`)))
		if got := b.focused(); got != id {
			t.Errorf("following %s put the keyboard on %q", href, got)
		}
		visible := get(b, chromedp.Evaluate[bool](`(() => { const r = document.getElementById(`+jsString(id)+`).getBoundingClientRect(), bar = document.querySelector(".savebar").getBoundingClientRect();
			return r.top >= 0 && r.bottom <= innerHeight && (getComputedStyle(document.querySelector(".savebar")).position !== "sticky" || r.bottom <= bar.top || r.top >= bar.bottom); })()`))
		if !visible {
			t.Errorf("following %s leaves the field out of sight or under the save bar", href)
		}
	}
	if got := b.value(byID("stakeholders.0.name")); got != "Ana Souza" {
		t.Errorf("the typed name was lost on redisplay: %q", got)
	}
	b.clean()
}

func jsString(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// TestBrowserDeleteAsks deletes a post-mortem with and without the page
// script: the first click only asks; keeping it changes nothing; confirming
// moves it to the trash.
func TestBrowserDeleteAsks(t *testing.T) {
	s := newSite(t)
	for _, script := range []bool{true, false} {
		p := &hindsight.PostMortem{Title: "To be deleted"}
		if err := s.svc.Create(s.ctx, p); err != nil {
			t.Fatal(err)
		}
		b := scriptBrowser(t, s, script, hindsight.Admin)
		view := s.url + "/postmortems/" + p.ID
		b.run(chromedp.Navigate(view), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)),
			chromedp.Click(chromedp.CSS(`a[href$="/delete"]`)), chromedp.WaitVisible(chromedp.CSS(`form[action$="/delete"] button`)))
		if got := b.text(`main h1`); got != "Delete “To be deleted”?" {
			t.Errorf("script %v: the question is %q", script, got)
		}
		if _, err := s.svc.Get(s.ctx, p.ID); err != nil {
			t.Fatalf("script %v: asking deleted it: %v", script, err)
		}
		b.run(chromedp.Click(chromedp.CSS(`form[action$="/delete"] a`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
		if _, err := s.svc.Get(s.ctx, p.ID); err != nil {
			t.Fatalf("script %v: keeping it deleted it: %v", script, err)
		}
		b.run(chromedp.Click(chromedp.CSS(`a[href$="/delete"]`)), chromedp.WaitVisible(chromedp.CSS(`form[action$="/delete"] button`)),
			chromedp.Click(chromedp.CSS(`form[action$="/delete"] button`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
		if _, err := s.svc.Get(s.ctx, p.ID); !errors.Is(err, hindsight.ErrNotFound) {
			t.Errorf("script %v: confirmed, the post-mortem is still there: %v", script, err)
		}
		b.clean()
	}
}
