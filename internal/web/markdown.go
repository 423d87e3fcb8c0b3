package web

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markdownRenderer turns a post-mortem's Markdown fields into safe HTML:
// goldmark renders (with GitHub's tables, task lists and autolinks), then
// bluemonday keeps only harmless elements and attributes, so a script,
// an event handler or a javascript: link in any field never runs.
type markdownRenderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
	pool   sync.Pool
}

func newMarkdownRenderer() *markdownRenderer {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("code", "pre")
	p.AllowAttrs("checked", "disabled", "type").OnElements("input")
	p.RequireNoReferrerOnLinks(true)
	return &markdownRenderer{
		md:     goldmark.New(goldmark.WithExtensions(extension.GFM)),
		policy: p,
		pool:   sync.Pool{New: func() any { return new(bytes.Buffer) }},
	}
}

// Render returns sanitized HTML for src.
func (m *markdownRenderer) Render(src string) template.HTML {
	if src == "" {
		return ""
	}
	buf := m.pool.Get().(*bytes.Buffer)
	defer m.pool.Put(buf)
	buf.Reset()
	if err := m.md.Convert([]byte(src), buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(m.policy.SanitizeBytes(buf.Bytes()))
}
