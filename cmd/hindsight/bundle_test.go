package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/sqlite"
)

// openDB opens the CLI's database for a step the CLI has no command
// for (adding an image).
func openDB(t *testing.T, db string, do func(ctx context.Context, svc *hindsight.Service)) {
	t.Helper()
	st, err := sqlite.Open(t.Context(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	do(hindsight.CommandLine(t.Context()), hindsight.NewService(st, hindsight.DefaultPolicy()))
}

// TestExportBundleAndImportItBack exports a post-mortem with an image as
// Markdown (links absolute under --base-url) and as a bundle, then imports
// the bundle and its unpacked Markdown: each import has its own working
// copy of the image.
func TestExportBundleAndImportItBack(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	png := []byte("\x89PNG\r\n\x1a\nthe graph")
	var id, aid string
	openDB(t, db, func(ctx context.Context, svc *hindsight.Service) {
		p := &hindsight.PostMortem{Title: "Queue backlog"}
		if err := svc.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		a := &hindsight.Attachment{PostMortemID: p.ID, Filename: "lag graph.png", Data: png}
		if err := svc.AddAttachment(ctx, a); err != nil {
			t.Fatal(err)
		}
		p.AdditionalInfo = "![Consumer lag rising](" + hindsight.AttachmentURL(p.ID, a.ID) + ")"
		if err := svc.Update(ctx, p); err != nil {
			t.Fatal(err)
		}
		id, aid = p.ID, a.ID
	})
	_, md, _ := hs(t, db, "export", id, "--base-url", "https://h.example.com")
	if !strings.Contains(md, "![Consumer lag rising](https://h.example.com"+hindsight.AttachmentURL(id, aid)+")") {
		t.Errorf("exported Markdown does not link the image absolutely:\n%s", md)
	}
	out := filepath.Join(dir, "out.zip")
	if code, _, errOut := hs(t, db, "export", id, "--bundle", out); code != 0 {
		t.Fatalf("export --bundle: %d %s", code, errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	unpacked := filepath.Join(dir, "unpacked")
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		os.MkdirAll(filepath.Join(unpacked, filepath.Dir(f.Name)), 0o755)
		os.WriteFile(filepath.Join(unpacked, f.Name), b, 0o644)
	}
	if b, _ := os.ReadFile(filepath.Join(unpacked, "queue-backlog", "queue-backlog.md")); !strings.Contains(string(b), "![Consumer lag rising](images/lag-graph.png)") {
		t.Fatalf("bundled Markdown:\n%s", b)
	}
	for _, src := range []string{out, filepath.Join(unpacked, "queue-backlog", "queue-backlog.md")} {
		code, newID, errOut := hs(t, db, "import", src)
		newID = strings.TrimSpace(newID)
		if code != 0 || newID == id {
			t.Fatalf("import %s: %d %s", src, code, errOut)
		}
		openDB(t, db, func(ctx context.Context, svc *hindsight.Service) {
			p, err := svc.Get(ctx, newID)
			if err != nil {
				t.Fatal(err)
			}
			refs := p.AttachmentRefs()
			if len(refs) != 1 || refs[0] == aid {
				t.Fatalf("import of %s links %v: %q", src, refs, p.AdditionalInfo)
			}
			a, err := svc.Attachment(ctx, p.ID, refs[0])
			if err != nil || !bytes.Equal(a.Data, png) {
				t.Errorf("import of %s: the image does not load: %v", src, err)
			}
		})
	}
}
