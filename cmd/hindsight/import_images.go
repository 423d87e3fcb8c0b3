package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"hindsight"
	"hindsight/internal/bundle"
	"hindsight/internal/config"
	"hindsight/internal/importer"
)

// source is a document to import and the files its relative image links
// name: the folder of a Markdown file, or a bundle's contents.
type source struct {
	name  string
	md    []byte
	files fs.FS
}

// readSource reads a Markdown file, or a bundle (.zip) as `hindsight
// export --bundle` writes it.
func readSource(name string) (source, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return source{}, err
	}
	if !bundle.IsZip(data) {
		return source{name: name, md: data, files: os.DirFS(filepath.Dir(name))}, nil
	}
	b, err := bundle.Read(data)
	if err != nil {
		return source{}, fmt.Errorf("%s: %w", name, err)
	}
	return source{name: name, md: b.Markdown, files: b.Files}, nil
}

func (s source) parse(cfg config.Config, acceptTimes bool) (*importer.Document, error) {
	d, err := importer.Markdown(s.md, s.name, cfg.Policy())
	if err == nil && acceptTimes {
		d.Report.Proposed.Accept(d.PostMortem)
	}
	return d, err
}

// withImages keeps the images the document links by relative path as
// pending uploads, so the import makes them the new post-mortem's
// attachments, and reads the document again with its links to them.
func (s source) withImages(a *app, svc *hindsight.Service, cfg config.Config, acceptTimes bool, d *importer.Document) (*importer.Document, error) {
	md, n, err := bundle.UploadImages(a.ctx, svc, s.md, s.files, cfg.MaxUploadBytes)
	if err != nil || n == 0 {
		return d, err
	}
	s.md = md
	return s.parse(cfg, acceptTimes)
}
