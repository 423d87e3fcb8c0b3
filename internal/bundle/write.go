// Package bundle is a post-mortem with its images in one .zip: the
// Markdown of the guide's template and, beside it under images/, every
// image it shows, linked relatively — so it reads anywhere (an editor, a
// wiki, a repository) and imports back whole.
package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"regexp"
	"strings"

	"hindsight"
	"hindsight/internal/markdown"
)

// Filename is the bundle's file name for a post-mortem.
func Filename(p *hindsight.PostMortem) string { return markdown.Filename(p.Title) + ".zip" }

// Write writes p's bundle to w: FOLDER/FOLDER.md and FOLDER/images/NAME
// for each of its own images it links. Its other server-relative links
// are made absolute under base when one is given. Images read through svc,
// so only a reader of p can bundle it.
func Write(ctx context.Context, w io.Writer, svc *hindsight.Service, p *hindsight.PostMortem, base string) error {
	folder := markdown.Filename(p.Title)
	names := map[string]string{} // attachment id → file name in images/
	taken := map[string]bool{}
	var images []*hindsight.Attachment
	var failed error
	out := p.LinksMapped(func(_, u string) string {
		pm, id, ok := hindsight.ParseAttachmentURL(u)
		if !ok || pm != p.ID {
			return hindsight.AbsoluteURL(base, u)
		}
		if name, ok := names[id]; ok {
			return "images/" + name
		}
		a, err := svc.Attachment(ctx, p.ID, id)
		if errors.Is(err, hindsight.ErrNotFound) {
			return hindsight.AbsoluteURL(base, u) // a link to nothing stays as written
		}
		if err != nil {
			failed = err
			return u
		}
		name := uniqueName(fileName(a), taken)
		names[id] = name
		images = append(images, a)
		return "images/" + name
	})
	if failed != nil {
		return failed
	}
	z := zip.NewWriter(w)
	if err := add(z, folder+"/"+folder+".md", markdown.Render(out)); err != nil {
		return err
	}
	for _, a := range images {
		if err := add(z, folder+"/images/"+names[a.ID], a.Data); err != nil {
			return err
		}
	}
	return z.Close()
}

func add(z *zip.Writer, name string, data []byte) error {
	f, err := z.Create(name)
	if err != nil {
		return fmt.Errorf("bundle %s: %w", name, err)
	}
	_, err = f.Write(data)
	return err
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileName is an attachment's name as a file in the bundle: its own,
// reduced to characters every file system and Markdown link keep, with
// the extension its type has.
func fileName(a *hindsight.Attachment) string {
	ext := map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}[a.ContentType]
	base := strings.TrimSuffix(a.Filename, path.Ext(a.Filename))
	base = strings.Trim(unsafeChars.ReplaceAllString(base, "-"), "-.")
	if base == "" {
		base = "image"
	}
	return base + ext
}

// uniqueName numbers a name already taken: graph.png, graph-2.png.
func uniqueName(name string, taken map[string]bool) string {
	ext := path.Ext(name)
	base, out := strings.TrimSuffix(name, ext), name
	for i := 2; taken[strings.ToLower(out)]; i++ {
		out = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
	taken[strings.ToLower(out)] = true
	return out
}

// Serve answers an HTTP request with p's bundle as a download; it is
// built in memory first, so a failure is an error, not half a zip.
func Serve(w http.ResponseWriter, r *http.Request, svc *hindsight.Service, p *hindsight.PostMortem, base string) error {
	var buf bytes.Buffer
	if err := Write(r.Context(), &buf, svc, p, base); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+Filename(p)+`"`)
	_, err := w.Write(buf.Bytes())
	return err
}
