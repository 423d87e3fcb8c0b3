package api_test

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/api"
	"hindsight/internal/sqlite"
)

var pngImage = []byte("\x89PNG\r\n\x1a\nan image")

// TestImagesBeforeTheFirstSave uploads an image before the post-mortem
// exists, creates it linking the upload, and reads the image as the new
// post-mortem's attachment.
func TestImagesBeforeTheFirstSave(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		res := c.do("POST", "/api/v1/uploads", "image/png", pngImage)
		if res.status != 201 {
			t.Fatalf("upload: %d %s", res.status, res.body)
		}
		var up struct{ ID, URL string }
		res.json(t, &up)
		if up.URL != hindsight.UploadURL(up.ID) || res.header.Get("Location") != up.URL {
			t.Fatalf("upload answer %+v", up)
		}
		if got := c.do("GET", up.URL, "", nil); got.status != 200 || !bytes.Equal(got.body, pngImage) {
			t.Fatalf("the uploader cannot read the upload: %d", got.status)
		}
		other := c.as(c.tokenFor("Ola Other", hindsight.Editor))
		if got := other.do("GET", up.URL, "", nil); got.status != 404 {
			t.Errorf("another user reads the upload: %d", got.status)
		}
		c.do("POST", "/api/v1/uploads", "image/png", []byte("not an image")).problem(t, 415, "file")

		p, _ := c.create(`{"title": "With a graph", "additional_info": "![Error rate](` + up.URL + `)"}`)
		want := hindsight.AttachmentURL(p.ID, up.ID)
		if !strings.Contains(p.AdditionalInfo, "![Error rate]("+want+")") {
			t.Fatalf("the link was not made the attachment's: %q", p.AdditionalInfo)
		}
		if got := other.do("GET", want, "", nil); got.status != 200 || !bytes.Equal(got.body, pngImage) {
			t.Errorf("the claimed image: %d", got.status)
		}
		if got := c.do("GET", up.URL, "", nil); got.status != 404 {
			t.Errorf("a claimed upload is still pending: %d", got.status)
		}
		c.do("POST", "/api/v1/postmortems", "application/json", []byte(`{"title": "Again", "summary": "![x](`+up.URL+`)"}`)).problem(t, 422, "summary")
	})
}

// TestExportLinksAndBundle exports a post-mortem with an image: the
// Markdown links it absolutely under the base URL, the bundle holds it
// with a relative link, and importing the bundle gives a new post-mortem
// with its own copy of the image.
func TestExportLinksAndBundle(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := newClient(t, s, func(o *api.Options) { o.BaseURL = "https://hindsight.example.com/" })
	p, _ := c.create(`{"title": "Pool exhausted", "summary": "See [the list](/postmortems) and [docs](https://example.com/x)."}`)
	var att struct{ ID, URL string }
	c.do("POST", "/api/v1/postmortems/"+p.ID+"/attachments", "image/png", pngImage).json(t, &att)
	body := c.do("GET", "/api/v1/postmortems/"+p.ID, "", nil).body
	updated := strings.Replace(string(body), `"additional_info":""`, `"additional_info":"![Pool waits rising](`+att.URL+`)"`, 1)
	if res := c.do("PUT", "/api/v1/postmortems/"+p.ID, "application/json", []byte(updated), "If-Match", `"1"`); res.status != 200 {
		t.Fatalf("update: %d %s", res.status, res.body)
	}

	md := string(c.do("GET", "/api/v1/postmortems/"+p.ID+"/markdown", "", nil).body)
	for _, want := range []string{"![Pool waits rising](https://hindsight.example.com" + att.URL + ")", "(https://hindsight.example.com/postmortems)", "(https://example.com/x)"} {
		if !strings.Contains(md, want) {
			t.Errorf("exported Markdown lacks %q:\n%s", want, md)
		}
	}

	res := c.do("GET", "/api/v1/postmortems/"+p.ID+"/bundle", "", nil)
	if res.status != 200 || res.header.Get("Content-Type") != "application/zip" || !strings.Contains(res.header.Get("Content-Disposition"), "pool-exhausted.zip") {
		t.Fatalf("bundle: %d %v", res.status, res.header)
	}
	files := unzip(t, res.body)
	doc := files["pool-exhausted/pool-exhausted.md"]
	if !strings.Contains(doc, "![Pool waits rising](images/image.png)") || !strings.Contains(doc, "(https://hindsight.example.com/postmortems)") {
		t.Errorf("bundled Markdown:\n%s", doc)
	}
	if files["pool-exhausted/images/image.png"] != string(pngImage) || len(files) != 2 {
		t.Errorf("bundle holds %d files; image %q", len(files), files["pool-exhausted/images/image.png"])
	}

	res = c.do("POST", "/api/v1/postmortems/import", "application/zip", res.body)
	if res.status != 201 {
		t.Fatalf("import bundle: %d %s", res.status, res.body)
	}
	var back hindsight.PostMortem
	res.json(t, &back)
	pm, aid, ok := "", "", false
	back.EachLink(func(_, u string) {
		if x, y, found := hindsight.ParseAttachmentURL(u); found {
			pm, aid, ok = x, y, true
		}
	})
	if !ok || pm != back.ID || back.ID == p.ID {
		t.Fatalf("the imported post-mortem does not link its own image: %q", back.AdditionalInfo)
	}
	if got := c.do("GET", hindsight.AttachmentURL(pm, aid), "", nil); got.status != 200 || !bytes.Equal(got.body, pngImage) {
		t.Errorf("the re-imported image does not load: %d", got.status)
	}
	c.do("POST", "/api/v1/postmortems/import", "application/zip", []byte("PK\x03\x04 broken")).problem(t, 422, "body")
}

// unzip reads every file of a zip.
func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(b)
	}
	return out
}
