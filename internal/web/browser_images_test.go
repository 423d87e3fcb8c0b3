package web_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hindsight"
)

// waitValue waits until the input's value contains want.
func (b *browser) waitValue(sel, want string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(b.value(sel), want) {
		if time.Now().After(deadline) {
			b.t.Fatalf("%s never held %q: %q", sel, want, b.value(sel))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// imageEvent is a script that drops or pastes (event) the PNG raw, named
// name, on the text box with the id target, as a person does; it returns
// whether the page left the event to the browser.
func imageEvent(raw []byte, name, target, event string) string {
	file := `new File([Uint8Array.from(atob("` + base64.StdEncoding.EncodeToString(raw) + `"), c => c.charCodeAt(0))], "` + name + `", {type: "image/png"})`
	return `(() => { const dt = new DataTransfer(); dt.items.add(` + file + `);
		const el = document.getElementById("` + target + `");
		el.focus();
		if ("` + event + `" === "drop") {
			el.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
			return el.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		}
		return el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
	})()`
}

// TestBrowserImagesBeforeFirstSave adds three images to a post-mortem
// that is not saved yet — chosen with the Upload button, dropped on a text
// box (a real drop event carrying a file) and pasted into another — each
// with the description the writer is asked for, which the saved page
// shows as the image's alt text.
func TestBrowserImagesBeforeFirstSave(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t)
	b.signIn(s, "mei@example.com", "Mei Lin", hindsight.Editor)
	png := filepath.Join(t.TempDir(), "latency chart.png")
	writePNG(t, png)
	raw, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	b.run(chromedp.Navigate(s.url+"/postmortems/new"), chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Checkout latency after a cache flush"))

	// Chosen: the description is asked for beside the file.
	b.run(chromedp.SetUploadFiles(chromedp.CSS(`#image`), []string{png}), chromedp.Click(chromedp.CSS(`[data-upload] button`)))
	if got := b.text(`[data-upload-note]`); !strings.Contains(got, "Say what the image shows") {
		t.Errorf("an upload without a description was not asked for one: %q", got)
	}
	b.run(chromedp.SendKeys(chromedp.CSS(`#image_alt`), "Checkout p99 latency rising to 9 s"), chromedp.Click(chromedp.CSS(`[data-upload] button`)))
	b.waitValue(`#additional_info`, "![Checkout p99 latency rising to 9 s](/api/v1/uploads/")

	// Dropped and pasted: a dialog asks what the image shows, naming the
	// file only to say which image it is.
	send := func(target, event, name, alt string) {
		t.Helper()
		if handled := !get(b, chromedp.Evaluate[bool](imageEvent(raw, name, target, event))); !handled {
			t.Fatalf("the page did not take the %s", event)
		}
		b.run(chromedp.WaitVisible(chromedp.CSS(`dialog[open] #alt-text`)))
		if got := b.text(`dialog[open] p`); !strings.Contains(got, name) || !strings.Contains(got, "for people who cannot see it") {
			t.Errorf("the %s's dialog says %q", event, got)
		}
		if event == "drop" {
			b.screenshot("image-description")
		}
		b.run(chromedp.SendKeys(chromedp.CSS(`#alt-text`), alt), chromedp.Click(chromedp.CSS(`dialog[open] button[value=ok]`)),
			chromedp.WaitNotPresent(chromedp.CSS(`dialog[open]`)))
		b.waitValue(byID(target), "!["+alt+"](/api/v1/uploads/")
	}
	send("description", "drop", "dropped.png", "Error rate at 12% by 09:42")
	send("events.0.text", "paste", "image.png", "Cache hit rate falling to 20%")

	// Cancelled: nothing is uploaded or placed.
	before := b.value(`#remediation`)
	get(b, chromedp.Evaluate[bool](imageEvent(raw, "x.png", "remediation", "paste")))
	b.run(chromedp.WaitVisible(chromedp.CSS(`dialog[open]`)), chromedp.Click(chromedp.CSS(`dialog[open] button[value=cancel]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`dialog[open]`)))
	if got := b.value(`#remediation`); got != before {
		t.Errorf("a cancelled image was placed: %q", got)
	}

	// Before the save the preview shows the image, served to its writer.
	b.run(chromedp.Click(chromedp.CSS(`[data-preview="description"]`)), chromedp.WaitVisible(chromedp.CSS(`#description-preview img`)))
	get(b, chromedp.Poll[bool](`document.querySelector("#description-preview img").complete`))
	if w := get(b, chromedp.Evaluate[int](`document.querySelector("#description-preview img").naturalWidth`)); w != 160 {
		t.Errorf("the previewed image does not load: width %d", w)
	}
	b.run(chromedp.Click(chromedp.CSS(`.savebar button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.pm-head h1`)))
	id := strings.TrimSuffix(strings.TrimPrefix(get(b, chromedp.Location()), s.url+"/postmortems/"), "?saved=1")
	for _, alt := range []string{"Checkout p99 latency rising to 9 s", "Error rate at 12% by 09:42", "Cache hit rate falling to 20%"} {
		sel := `img[alt="` + alt + `"][src^="/api/v1/postmortems/` + id + `/attachments/"]`
		b.run(chromedp.WaitVisible(chromedp.CSS(sel)))
		get(b, chromedp.Poll[bool](`document.querySelector('`+sel+`').complete`))
		if w := get(b, chromedp.Evaluate[int](`document.querySelector('`+sel+`').naturalWidth`)); w != 160 {
			t.Errorf("image %q does not load after the save: width %d", alt, w)
		}
	}
	p, _ := s.svc.Get(s.ctx, id)
	if n := len(p.AttachmentRefs()); n != 3 || len(p.Events) != 1 {
		t.Errorf("the saved post-mortem links %d images of its own, want 3; %d events", n, len(p.Events))
	}
	b.screenshot("images")
	b.clean()
}
