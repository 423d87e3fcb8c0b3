package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRowMoveKeepsFocusWithoutJavaScript moves an event up without the
// script: the form comes back with the same button of the moved row
// focused, and every row button names its row.
func TestRowMoveKeepsFocusWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	f := filledForm()
	f.Set("_row", "up:events:1")
	_, _, body := s.post("/postmortems", f)
	if !regexp.MustCompile(`value="up:events:0" aria-label="Move event 1 up" title="Move up" data-up autofocus`).MatchString(body) {
		t.Error("the moved row's button is not focused")
	}
	mustContain(t, body, `aria-label="Remove event 2"`, `aria-label="Move countermeasure 1 down"`)
	if strings.Index(body, "Latency alert pages") > strings.Index(body, "Nightly index rebuild") {
		t.Error("the event did not move up")
	}
}

// TestUploadWithoutJavaScriptKeepsEdits uploads an image with the form's
// own Upload button: the form comes back with every unsaved edit and the
// image placed in additional info, its description as alt text; nothing
// else is saved.
func TestUploadWithoutJavaScriptKeepsEdits(t *testing.T) {
	s := newSite(t)
	_, loc, _ := s.post("/postmortems", filledForm())
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	png := filepath.Join(t.TempDir(), "graph.png")
	writePNG(t, png)
	data, _ := os.ReadFile(png)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	f := filledForm()
	f.Set("title", "An unsaved new title")
	f.Set("version", "1")
	f.Set("_row", "upload")
	f.Set("image_alt", "Search p99 latency [ms] over the incident")
	for k, vs := range f {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", "graph.png")
	fw.Write(data)
	mw.Close()
	res, err := s.browser.Post(s.url+"/postmortems/"+id, mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b := new(bytes.Buffer)
	b.ReadFrom(res.Body)
	body := b.String()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d", res.StatusCode)
	}
	mustContain(t, body, `value="An unsaved new title"`, "![Search p99 latency (ms) over the incident](/api/v1/postmortems/"+id+"/attachments/")
	if p, _ := s.svc.Get(s.ctx, id); p.Title == "An unsaved new title" || p.Version != 1 {
		t.Errorf("the upload saved the form: %q v%d", p.Title, p.Version)
	}
}
