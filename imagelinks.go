package hindsight

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// AttachmentURL is where an attachment is served and what a post-mortem's
// Markdown links it by.
func AttachmentURL(postmortemID, id string) string {
	return "/api/v1/postmortems/" + postmortemID + "/attachments/" + id
}

// UploadURL is where a pending upload is served to its owner until a save
// claims it; saving rewrites the link to AttachmentURL.
func UploadURL(id string) string { return "/api/v1/uploads/" + id }

var (
	// linkDest finds the destination of every inline Markdown link and
	// image: "](" then the address up to a space, ")" or ">".
	linkDest      = regexp.MustCompile(`(\]\(\s*<?)([^\s)>]+)`)
	attachmentRef = regexp.MustCompile(`^(?:https?://[^/]+)?/api/v1/postmortems/([^/?#]+)/attachments/([0-9a-fA-F-]{36})$`)
	uploadRef     = regexp.MustCompile(`^(?:https?://[^/]+)?/api/v1/uploads/([0-9a-fA-F-]{36})$`)
)

// ParseAttachmentURL reads a link to an attachment, relative or absolute.
func ParseAttachmentURL(u string) (postmortemID, id string, ok bool) {
	m := attachmentRef.FindStringSubmatch(u)
	if m == nil {
		return "", "", false
	}
	return m[1], strings.ToLower(m[2]), true
}

// ParseUploadURL reads a link to a pending upload.
func ParseUploadURL(u string) (id string, ok bool) {
	m := uploadRef.FindStringSubmatch(u)
	if m == nil {
		return "", false
	}
	return strings.ToLower(m[1]), true
}

// markdownFields are the post-mortem's Markdown texts with the field
// names validation uses, the only places an image can be linked.
func (p *PostMortem) markdownFields() []namedText {
	out := []namedText{{"description", &p.Description}, {"additional_info", &p.AdditionalInfo}, {"remediation", &p.Remediation},
		{"summary", &p.Summary}, {"root_cause", &p.RootCause}}
	for i := range p.Events {
		out = append(out, namedText{fmt.Sprintf("events[%d].text", i), &p.Events[i].Text})
	}
	for i := range p.OtherSections {
		out = append(out, namedText{fmt.Sprintf("other_sections[%d].body", i), &p.OtherSections[i].Body})
	}
	return out
}

type namedText struct {
	Field string
	Text  *string
}

// MapLinks replaces the destination of every Markdown link and image in
// p's text with what fn returns for it (field names where it is). Exports
// use it to make links absolute or bundle-relative, saves to turn pending
// uploads into attachments.
func (p *PostMortem) MapLinks(fn func(field, url string) string) {
	for _, f := range p.markdownFields() {
		*f.Text = MapMarkdownLinks(*f.Text, func(u string) string { return fn(f.Field, u) })
	}
}

// MapMarkdownLinks replaces the destination of every inline link and
// image in the Markdown text with what fn returns for it.
func MapMarkdownLinks(text string, fn func(url string) string) string {
	if !strings.Contains(text, "](") {
		return text
	}
	return linkDest.ReplaceAllStringFunc(text, func(m string) string {
		sub := linkDest.FindStringSubmatch(m)
		return sub[1] + fn(sub[2])
	})
}

// EachLink calls fn with the destination of every Markdown link and image
// in p's text, and the field it is in, changing nothing.
func (p *PostMortem) EachLink(fn func(field, url string)) {
	for _, f := range p.markdownFields() {
		for _, m := range linkDest.FindAllStringSubmatch(*f.Text, -1) {
			fn(f.Field, m[2])
		}
	}
}

// AttachmentRefs lists, once each, the ids of p's own attachments its
// Markdown links to.
func (p *PostMortem) AttachmentRefs() []string {
	var ids []string
	seen := map[string]bool{}
	p.EachLink(func(_, u string) {
		if pm, id, ok := ParseAttachmentURL(u); ok && pm == p.ID && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	})
	return ids
}

// LinksMapped is a copy of p whose Markdown links fn rewrote (see
// MapLinks); p itself is unchanged.
func (p *PostMortem) LinksMapped(fn func(field, url string) string) *PostMortem {
	c := *p
	c.Events, c.OtherSections = slices.Clone(p.Events), slices.Clone(p.OtherSections)
	c.MapLinks(fn)
	return &c
}

// WithAbsoluteLinks is p with every server-relative link in its Markdown
// made absolute under base (the instance's public address), so exported
// text links back to its images from anywhere. Without a base it is p.
func (p *PostMortem) WithAbsoluteLinks(base string) *PostMortem {
	base = strings.TrimRight(base, "/")
	if base == "" {
		return p
	}
	return p.LinksMapped(func(_, u string) string { return AbsoluteURL(base, u) })
}

// AbsoluteURL is a server-relative address u under base; anything else is
// returned as it is.
func AbsoluteURL(base, u string) string {
	if base != "" && strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return strings.TrimRight(base, "/") + u
	}
	return u
}
