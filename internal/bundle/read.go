package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"hindsight"
)

// IsZip reports whether data is a zip archive, as a bundle is.
func IsZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// Bundle is a read bundle: its Markdown document, the document's file
// name, and the files beside it (for the images it links).
type Bundle struct {
	Name     string
	Markdown []byte
	Files    fs.FS
}

// Read reads a bundle: the one Markdown file in the zip (the shallowest,
// if several) and the folder it is in.
func Read(data []byte) (*Bundle, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a zip archive: %w", err)
	}
	var doc *zip.File
	for _, f := range z.File {
		ext := strings.ToLower(path.Ext(f.Name))
		if (ext == ".md" || ext == ".markdown") && !strings.HasPrefix(path.Base(f.Name), ".") &&
			(doc == nil || strings.Count(f.Name, "/") < strings.Count(doc.Name, "/")) {
			doc = f
		}
	}
	if doc == nil {
		return nil, errors.New("the zip holds no Markdown (.md) file")
	}
	md, err := readAll(doc, markdownMax)
	if err != nil {
		return nil, err
	}
	files := fs.FS(z)
	if dir := path.Dir(doc.Name); dir != "." {
		if files, err = fs.Sub(z, dir); err != nil {
			return nil, err
		}
	}
	return &Bundle{Name: path.Base(doc.Name), Markdown: md, Files: files}, nil
}

// markdownMax bounds the document read from a bundle, as an import does.
const markdownMax = 4 << 20

func readAll(f *zip.File, max int64) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes", f.Name, max)
	}
	return b, nil
}

// UploadImages keeps every image the Markdown links by a relative path
// found in files (at most maxBytes each) as the caller's pending upload,
// and returns the Markdown linking them by their upload address: creating
// the post-mortem it becomes then makes them its attachments. Links to
// files that are missing or not images are left as they are.
func UploadImages(ctx context.Context, svc *hindsight.Service, md []byte, files fs.FS, maxBytes int64) ([]byte, int, error) {
	done := map[string]string{}
	var failed error
	n := 0
	out := hindsight.MapMarkdownLinks(string(md), func(u string) string {
		name, ok := relativeFile(u)
		if !ok || failed != nil {
			return u
		}
		if up, ok := done[name]; ok {
			return up
		}
		data, err := readFile(files, name, maxBytes)
		if err != nil || hindsight.ImageType(data) == "" {
			return u
		}
		up := &hindsight.Upload{Filename: path.Base(name), Data: data}
		if failed = svc.AddUpload(ctx, up); failed != nil {
			return u
		}
		n++
		done[name] = hindsight.UploadURL(up.ID)
		return done[name]
	})
	return []byte(out), n, failed
}

// relativeFile is the file a relative link names ("images/a%20b.png" is
// "images/a b.png"), or false for an address, an anchor or a path that
// leaves the folder.
func relativeFile(u string) (string, bool) {
	if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "#") || strings.Contains(u, ":") {
		return "", false
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	p, err := url.PathUnescape(u)
	if err != nil {
		return "", false
	}
	p = path.Clean(p)
	if !fs.ValidPath(p) {
		return "", false
	}
	return p, true
}

func readFile(files fs.FS, name string, max int64) ([]byte, error) {
	f, err := files.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, max)
	}
	return b, nil
}

// MaxBytes bounds a bundle sent to import: the largest Markdown import
// and eight images of the largest upload size.
func MaxBytes(maxUpload int64) int64 { return markdownMax + 8*maxUpload }
