package markdown

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/goccy/go-yaml"

	"hindsight"
)

// splitFrontMatter cuts YAML ("---") or TOML ("+++") front matter off the
// top of a document.
func splitFrontMatter(text string) (fm frontMatter, rest string) {
	for _, delim := range []string{"---", "+++"} {
		if !strings.HasPrefix(text, delim+"\n") {
			continue
		}
		body, after, ok := strings.Cut(text[len(delim)+1:], "\n"+delim+"\n")
		if !ok {
			if b, found := strings.CutSuffix(text[len(delim)+1:], "\n"+delim); found {
				body, after, ok = b, "", true
			}
		}
		if !ok {
			return frontMatter{}, text
		}
		return frontMatter{format: delim, raw: body}, after
	}
	return frontMatter{}, text
}

// frontMatter is the block as written and its format ("---" YAML, "+++"
// TOML).
type frontMatter struct {
	format, raw string
}

// readFrontMatter puts the keys Hindsight knows (title, date, author(s),
// tags, severity, …) where they belong; the block is kept as written when
// it holds more, or cannot be read.
func readFrontMatter(fm frontMatter, p *hindsight.PostMortem, d *doc) {
	if fm.format == "" {
		return
	}
	m := map[string]any{}
	var err error
	if fm.format == "---" {
		err = yaml.Unmarshal([]byte(fm.raw), &m)
	} else {
		_, err = toml.Decode(fm.raw, &m)
	}
	if err != nil {
		d.Add("front matter", "cannot be read (%v); kept as written", firstLine(err.Error()))
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Front matter", Body: "```\n" + fm.raw + "\n```"})
		return
	}
	var unknown []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		val := frontValue(v)
		switch normHeading(k) {
		case "title":
			p.Title = val
		case "date", "published", "incident date":
			if t, ok := v.(time.Time); ok {
				p.Meeting.Date = &t
				d.dated(t)
			} else if t := timeField(val, "meeting.date", d); t != nil {
				p.Meeting.Date = t
				d.dated(*t)
			}
		case "description", "summary", "excerpt":
			p.Summary = joinField(p.Summary, val)
		default:
			if !metadataKV(k, val, p, d) {
				unknown = append(unknown, k)
			}
		}
	}
	d.recognised("front matter")
	if len(unknown) > 0 {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Front matter", Body: "```\n" + fm.raw + "\n```"})
		d.Add("front matter", "keys %s are not Hindsight fields; the block is kept as written", strings.Join(unknown, ", "))
	}
}

// frontValue writes a front-matter value as text: lists comma separated.
func frontValue(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = frontValue(e)
		}
		return strings.Join(parts, ", ")
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case nil:
		return ""
	case map[string]any:
		if n, ok := x["name"]; ok {
			return frontValue(n)
		}
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
