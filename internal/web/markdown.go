package web

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// markdownRenderer turns a post-mortem's Markdown fields into safe HTML:
// goldmark renders (with GitHub's tables, task lists and autolinks), then
// bluemonday keeps only harmless elements and attributes, so a script,
// an event handler or a javascript: link in any field never runs.
type markdownRenderer struct {
	md goldmark.Markdown
	// lines keeps every line break, for text typed line by line (a
	// timeline event) rather than written as paragraphs.
	lines  goldmark.Markdown
	policy *bluemonday.Policy
	pool   sync.Pool
}

func newMarkdownRenderer() *markdownRenderer {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("code", "pre")
	p.AllowAttrs("checked", "disabled", "type").OnElements("input")
	// An image's description is whatever its writer said ("Errors at
	// 12% by 09:42"); the UGC policy keeps only a few characters and drops
	// the rest of the alt text, leaving the image unreadable without
	// sight. bluemonday escapes the value, so any text is safe.
	p.AllowAttrs("alt", "title").OnElements("img")
	p.RequireNoReferrerOnLinks(true)
	return &markdownRenderer{
		md:     goldmark.New(goldmark.WithExtensions(extension.GFM)),
		lines:  goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithHardWraps())),
		policy: p,
		pool:   sync.Pool{New: func() any { return new(bytes.Buffer) }},
	}
}

// Render returns sanitized HTML for src.
func (m *markdownRenderer) Render(src string) template.HTML { return m.render(m.md, src) }

// RenderLines is Render keeping each line break of src.
func (m *markdownRenderer) RenderLines(src string) template.HTML { return m.render(m.lines, src) }

func (m *markdownRenderer) render(md goldmark.Markdown, src string) template.HTML {
	if src == "" {
		return ""
	}
	buf := m.pool.Get().(*bytes.Buffer)
	defer m.pool.Put(buf)
	buf.Reset()
	if err := md.Convert([]byte(src), buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(m.policy.SanitizeBytes(buf.Bytes()))
}
