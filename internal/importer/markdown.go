package importer

import (
	"hindsight"
	"hindsight/internal/markdown"
)

// Document is one imported post-mortem and what the import made of it.
type Document struct {
	Name       string                `json:"file,omitempty"`
	PostMortem *hindsight.PostMortem `json:"-"`
	Report     *markdown.Report      `json:"report"`
}

// Markdown reads one Markdown document (name is its file name, for a
// title when it states none) and fits it to the policy. It fails only for
// a document too large to read.
func Markdown(src []byte, name string, pol hindsight.Policy) (*Document, error) {
	p, rep, err := markdown.Import(src, markdown.Options{Name: name})
	if err != nil {
		return nil, err
	}
	Fit(p, rep, pol)
	return &Document{Name: name, PostMortem: p, Report: rep}, nil
}
