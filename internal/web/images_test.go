package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/config"
)

var pngData = []byte("\x89PNG\r\n\x1a\nchart")

// postMultipart sends a multipart form with one file, as a browser does.
func (s *site) postMultipart(path string, form url.Values, fileField, fileName string, data []byte) (int, string, string) {
	s.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	if fileField != "" {
		f, _ := w.CreateFormFile(fileField, fileName)
		f.Write(data)
	}
	w.Close()
	res, err := s.browser.Post(s.url+path, w.FormDataContentType(), &body)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

var uploadLink = regexp.MustCompile(`!\[([^\]]*)\]\((/api/v1/uploads/[0-9a-f-]{36})\)`)

// TestImageOnANewPostMortemWithoutScript uploads an image with the form's
// Upload button before the first save: the image is kept for its writer,
// placed in additional info with the description as its alt text, and the
// save makes it the new post-mortem's attachment.
func TestImageOnANewPostMortemWithoutScript(t *testing.T) {
	s := newSite(t)
	form := url.Values{"title": {"Checkout slow"}, "additional_info": {"Dashboards showed it."}, "_row": {"upload"}}
	code, _, body := s.postMultipart("/postmortems", form, "file", "screenshot 1.png", pngData)
	if code != 422 || !strings.Contains(body, `<p class="field-error" id="image_alt-err">`) || !strings.Contains(body, `href="#image_alt"`) {
		t.Fatalf("an upload without a description: %d, no error for image_alt", code)
	}
	form.Set("image_alt", "Checkout latency rising to 9 s")
	code, _, body = s.postMultipart("/postmortems", form, "file", "screenshot 1.png", pngData)
	m := uploadLink.FindStringSubmatch(html.UnescapeString(body))
	if code != 200 || m == nil || m[1] != "Checkout latency rising to 9 s" {
		t.Fatalf("upload on a new post-mortem: %d; additional info lacks the image:\n%s", code, body)
	}
	mustContain(t, body, "Checkout slow", "Dashboards showed it.")
	if code, img := s.get(m[2]); code != 200 || img != string(pngData) {
		t.Fatalf("the writer cannot see the upload: %d", code)
	}
	other, _ := s.signIn("ola@example.com", "Ola Other", hindsight.Editor)
	if res, _ := other.Get(s.url + m[2]); res.StatusCode != 404 {
		t.Errorf("another user sees the upload: %d", res.StatusCode)
	}
	form.Del("_row")
	form.Set("additional_info", html.UnescapeString(regexp.MustCompile(`(?s)<textarea id="additional_info"[^>]*>(.*?)</textarea>`).FindStringSubmatch(body)[1]))
	code, loc, _ := s.post("/postmortems", form)
	if code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	p, _ := s.svc.Get(s.ctx, id)
	refs := p.AttachmentRefs()
	if len(refs) != 1 || !strings.Contains(p.AdditionalInfo, "![Checkout latency rising to 9 s]("+hindsight.AttachmentURL(id, refs[0])+")") {
		t.Fatalf("saved additional info %q", p.AdditionalInfo)
	}
	if code, img := s.get(hindsight.AttachmentURL(id, refs[0])); code != 200 || img != string(pngData) {
		t.Errorf("the saved image does not load: %d", code)
	}
}

// TestScriptUploadsBeforeTheFirstSave is the page script's path: an image
// dropped or pasted into a new post-mortem is answered with the Markdown
// to insert.
func TestScriptUploadsBeforeTheFirstSave(t *testing.T) {
	s := newSite(t)
	code, _, body := s.postMultipart("/uploads", url.Values{"alt": {"Queue depth [peak]"}}, "file", "q.png", pngData)
	var answer struct{ Markdown, Error string }
	json.Unmarshal([]byte(body), &answer)
	if code != 201 || !uploadLink.MatchString(answer.Markdown) || !strings.HasPrefix(answer.Markdown, "![Queue depth (peak)](") {
		t.Fatalf("script upload: %d %q", code, body)
	}
	code, _, body = s.postMultipart("/uploads", url.Values{"alt": {"x"}}, "file", "notes.txt", []byte("plain text"))
	if code != 422 || !strings.Contains(body, "PNG, JPEG, GIF or WebP") {
		t.Errorf("a text file: %d %q", code, body)
	}
	viewer, _ := s.signIn("vic@example.com", "Vic Viewer", hindsight.Viewer)
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("alt", "x")
	f, _ := w.CreateFormFile("file", "q.png")
	f.Write(pngData)
	w.Close()
	if res, _ := viewer.Post(s.url+"/uploads", w.FormDataContentType(), &b); res.StatusCode == 201 {
		t.Error("a viewer uploaded an image")
	}
}

// TestDownloadsCarryUsableImageLinks downloads a post-mortem with an
// image from its page: the Markdown links the image absolutely under the
// base URL, the .zip holds it, and importing the .zip on the import page
// gives a draft with its own working copy.
func TestDownloadsCarryUsableImageLinks(t *testing.T) {
	s := newSite(t, func(c *config.Config) { c.BaseURL = "http://hindsight.example.com" })
	p := &hindsight.PostMortem{Title: "Cache stampede"}
	if err := s.svc.Create(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	a := &hindsight.Attachment{PostMortemID: p.ID, Filename: "hit rate.png", Data: pngData}
	if err := s.svc.AddAttachment(s.ctx, a); err != nil {
		t.Fatal(err)
	}
	p.AdditionalInfo = "![Hit rate falling to 20%](" + hindsight.AttachmentURL(p.ID, a.ID) + ")"
	if err := s.svc.Update(s.ctx, p); err != nil {
		t.Fatal(err)
	}
	_, view := s.get("/postmortems/" + p.ID)
	mustContain(t, view, `href="/postmortems/`+p.ID+`/bundle"`, "Markdown with images (.zip)")
	_, md := s.get("/postmortems/" + p.ID + "/markdown")
	mustContain(t, md, "![Hit rate falling to 20%](http://hindsight.example.com"+hindsight.AttachmentURL(p.ID, a.ID)+")")
	code, zipped := s.get("/postmortems/" + p.ID + "/bundle")
	z, err := zip.NewReader(strings.NewReader(zipped), int64(len(zipped)))
	if code != 200 || err != nil {
		t.Fatalf("bundle: %d %v", code, err)
	}
	names := []string{}
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "cache-stampede/cache-stampede.md cache-stampede/images/hit-rate.png" {
		t.Errorf("bundle files %v", names)
	}

	code, _, body := s.postMultipart("/import", url.Values{}, "file", "cache-stampede.zip", []byte(zipped))
	if code != 200 {
		t.Fatalf("import preview of the bundle: %d\n%s", code, body)
	}
	mustContain(t, body, "Cache stampede", "1 kept with it")
	src := html.UnescapeString(regexp.MustCompile(`(?s)<textarea id="markdown"[^>]*>(.*?)</textarea>`).FindStringSubmatch(body)[1])
	if !uploadLink.MatchString(src) {
		t.Fatalf("the previewed Markdown does not link the kept image:\n%s", src)
	}
	code, loc, _ := s.post("/import", url.Values{"markdown": {src}, "save": {"1"}})
	if code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1")
	back, _ := s.svc.Get(s.ctx, id)
	refs := back.AttachmentRefs()
	if len(refs) != 1 || id == p.ID {
		t.Fatalf("the import links %v: %q", refs, back.AdditionalInfo)
	}
	if code, img := s.get(hindsight.AttachmentURL(id, refs[0])); code != 200 || img != string(pngData) {
		t.Errorf("the imported image does not load: %d", code)
	}
}

// TestPeopleOffered checks the names the form and the tracker offer, and
// what the script asks for as a name is typed.
func TestPeopleOffered(t *testing.T) {
	s := newSite(t)
	p := &hindsight.PostMortem{Title: "Earlier", Meeting: hindsight.Meeting{FacilitatedBy: "Mei Lin"},
		Countermeasures: []hindsight.Countermeasure{{Title: "Alert", Owner: "Jonas Weber"}}}
	secret := &hindsight.PostMortem{Title: "Secret", Access: hindsight.Access{Restricted: true}, Stakeholders: []hindsight.Stakeholder{{Name: "Mei Secret"}}}
	for _, x := range []*hindsight.PostMortem{p, secret} {
		if err := s.svc.Create(s.ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	_, form := s.get("/postmortems/new")
	mustContain(t, form, `<datalist id="people" data-source="/people">`, `<option value="Mei Lin">`, `<option value="Jonas Weber">`, `<option value="Priya Raman">`,
		`id="meeting.created_by" name="meeting.created_by" value="Priya Raman" list="people"`)
	_, tracker := s.get("/countermeasures")
	mustContain(t, tracker, `name="owner" value="" size="14" list="people"`, `<option value="Jonas Weber">`)
	other, _ := s.signIn("ola@example.com", "Ola Other", hindsight.Editor)
	for _, tc := range []struct {
		c    *http.Client
		want string
	}{{s.browser, `["Mei Lin","Mei Secret"]`}, {other, `["Mei Lin"]`}} {
		res, err := tc.c.Get(s.url + "/people?q=" + url.QueryEscape(" MEI "))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.TrimSpace(string(b)) != tc.want {
			t.Errorf("/people?q=MEI = %s, want %s", b, tc.want)
		}
	}
	// The owner filter finds the owner however the name is cased and spaced.
	_, found := s.get("/countermeasures?owner=" + url.QueryEscape("jonas   WEBER"))
	mustContain(t, found, "Alert")
}
