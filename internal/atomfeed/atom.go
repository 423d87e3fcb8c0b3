// Package atomfeed serves Atom feeds (RFC 4287) of published
// post-mortems — all of them, or those of one tag, team or service —
// behind each user's private feed URL, so people can follow what their
// organisation learns in the feed reader they already use. A feed lists
// only what its user may read: restricted post-mortems stay restricted.
package atomfeed

import (
	"encoding/xml"
	"io"
	"time"
)

// Feed is an Atom feed document.
type Feed struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Subtitle string   `xml:"subtitle,omitempty"`
	Updated  string   `xml:"updated"`
	Author   Person   `xml:"author"`
	Links    []Link   `xml:"link"`
	Entries  []Entry  `xml:"entry"`
}

// Person is an Atom author.
type Person struct {
	Name string `xml:"name"`
}

// Link is an Atom link.
type Link struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// Category is an Atom category: a post-mortem's tag, team or service.
type Category struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
	Label  string `xml:"label,attr,omitempty"`
}

// Text is an Atom text construct; Type "html" carries escaped HTML.
type Text struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// Entry is one post-mortem.
type Entry struct {
	ID         string     `xml:"id"`
	Title      string     `xml:"title"`
	Updated    string     `xml:"updated"`
	Published  string     `xml:"published,omitempty"`
	Links      []Link     `xml:"link"`
	Categories []Category `xml:"category"`
	Summary    *Text      `xml:"summary,omitempty"`
	Content    Text       `xml:"content"`
}

// stamp is an RFC 3339 date as Atom wants it.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Write writes f as an XML document.
func Write(w io.Writer, f Feed) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
