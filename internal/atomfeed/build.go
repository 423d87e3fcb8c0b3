package atomfeed

import (
	"bytes"
	"context"
	"html/template"
	"net/url"
	"strings"
	"time"

	"hindsight"
)

// MaxEntries bounds a feed: readers poll it, so it must stay cheap, and
// they keep what they saw before.
const MaxEntries = 50

// Selection is which post-mortems a feed follows: all published ones, or
// those of one tag, team or service.
type Selection struct {
	Tag, Team, Service string
}

// Title names the feed for the reader's list.
func (s Selection) Title() string {
	switch {
	case s.Tag != "":
		return "Hindsight post-mortems tagged " + s.Tag
	case s.Team != "":
		return "Hindsight post-mortems of team " + s.Team
	case s.Service != "":
		return "Hindsight post-mortems of " + s.Service
	}
	return "Hindsight post-mortems"
}

// query is the selection as URL parameters, without the user's secret: it
// makes the feed's id, the same for every user who follows it.
func (s Selection) query() string {
	v := url.Values{}
	for k, x := range map[string]string{"tag": s.Tag, "team": s.Team, "service": s.Service} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// Build lists the newest published post-mortems of the selection that the
// reader in ctx may read. baseURL makes links absolute; self is the
// feed's own address.
func Build(ctx context.Context, svc *hindsight.Service, sel Selection, baseURL, self string) (Feed, error) {
	page, err := svc.List(ctx, hindsight.ListFilter{Status: hindsight.StatusPublished, Tag: sel.Tag, Team: sel.Team, Service: sel.Service, Limit: MaxEntries})
	if err != nil {
		return Feed{}, err
	}
	base := strings.TrimRight(baseURL, "/")
	f := Feed{ID: base + "/feeds/postmortems" + sel.query(), Title: sel.Title(), Author: Person{Name: "Hindsight"},
		Subtitle: "Published post-mortems: what happened, why, and what is being done about it.",
		Links:    []Link{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: base + "/"}},
		Entries:  []Entry{}}
	var newest time.Time
	for _, s := range page.Items {
		e, err := entry(s, base)
		if err != nil {
			return Feed{}, err
		}
		f.Entries = append(f.Entries, e)
		if s.UpdatedAt.After(newest) {
			newest = s.UpdatedAt
		}
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	f.Updated = stamp(newest)
	return f, nil
}

var content = template.Must(template.New("entry").Parse(`{{with .S}}<p>{{.Summary}}</p>
<ul>
{{if .Severity}}<li>Severity: {{.Severity}}</li>
{{end}}{{if .Team}}<li>Team: {{.Team}}</li>
{{end}}{{if .Services}}<li>Services: {{range $i, $s := .Services}}{{if $i}}, {{end}}{{$s}}{{end}}</li>
{{end}}{{if .StartedAt}}<li>Started: {{.StartedAt.UTC.Format "2006-01-02 15:04 MST"}}</li>
{{end}}{{if .EndedAt}}<li>Ended: {{.EndedAt.UTC.Format "2006-01-02 15:04 MST"}}</li>
{{end}}</ul>{{end}}
<p><a href="{{.Link}}">Read the post-mortem in Hindsight</a></p>
`))

// entry is one post-mortem: its summary and facts as HTML, its tags, team
// and services as categories (so readers can filter on them too).
func entry(s hindsight.Summary, base string) (Entry, error) {
	link := base + "/postmortems/" + s.ID
	var b bytes.Buffer
	if err := content.Execute(&b, struct {
		S    hindsight.Summary
		Link string
	}{s, link}); err != nil {
		return Entry{}, err
	}
	e := Entry{ID: link, Title: s.Title, Updated: stamp(s.UpdatedAt), Published: stamp(s.CreatedAt),
		Links: []Link{{Rel: "alternate", Type: "text/html", Href: link}}, Content: Text{Type: "html", Body: b.String()}}
	if s.Summary != "" {
		e.Summary = &Text{Type: "text", Body: s.Summary}
	}
	for _, t := range s.Tags {
		e.Categories = append(e.Categories, Category{Term: t, Scheme: base + "/tags"})
	}
	if s.Team != "" {
		e.Categories = append(e.Categories, Category{Term: s.Team, Scheme: base + "/teams", Label: "team " + s.Team})
	}
	for _, sv := range s.Services {
		e.Categories = append(e.Categories, Category{Term: sv, Scheme: base + "/services", Label: "service " + sv})
	}
	return e, nil
}
