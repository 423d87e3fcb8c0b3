package markdown

import (
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"hindsight"
)

// MaxSize is the largest document Parse reads.
const MaxSize = 4 << 20

// Options is what an import knows besides the text.
type Options struct {
	// Name is the document's file name: the title of a document that
	// states none.
	Name string
}

// untitled is the title of a document that gives none, not even a file
// name.
const untitled = "Untitled post-mortem"

// Parse reads a post-mortem from Markdown; see Import. It fails only for
// a document larger than MaxSize.
func Parse(src []byte) (*hindsight.PostMortem, error) {
	p, _, err := Import(src, Options{})
	return p, err
}

// Import reads a post-mortem from Markdown: the guide's template (as
// Render writes it, so Import(Render(p)) is p) or any shape people write
// post-mortems in. It never rejects a document: what it cannot place is
// kept in sections of the post-mortem, and the report says what it
// recognised, what it did not and what it assumed. The result is not yet
// normalized or checked against a policy.
func Import(src []byte, opt Options) (*hindsight.PostMortem, *Report, error) {
	if len(src) > MaxSize {
		v := &hindsight.ValidationError{}
		v.Add("markdown", "is %d bytes, more than the %d a post-mortem may have", len(src), MaxSize)
		return nil, nil, v
	}
	d := newDoc()
	text := decodeText(src, d)
	text = strings.ReplaceAll(strings.ReplaceAll(strings.TrimPrefix(text, "\ufeff"), "\r\n", "\n"), "\r", "\n")
	fm, text := splitFrontMatter(text)
	p := &hindsight.PostMortem{}
	readFrontMatter(fm, p, d)
	preamble, secs := splitSections(text)
	d.zone, d.zoneFrom = declaredZone(strings.Split(text, "\n"))
	d.dayFirst = dayFirst(text, d.zone)
	if numericDatesRe.MatchString(text) && !definiteOrder(text) {
		order := "month first (02-03-2025 is 3 February)"
		if d.dayFirst {
			order = "day first (02-03-2025 is 2 March)"
		}
		d.report.Assumed = append(d.report.Assumed, "numeric dates are "+order)
	}
	d.text = strings.Split(text, "\n")
	rest := secs
	if len(secs) > 0 && secs[0].level == 1 {
		if t, marked := readLead(secs[0].heading); marked {
			p.Title = t
		} else if t := placeholder(secs[0].heading); t != "" {
			p.Title = t
		}
		secs[0].lines = titleUnderLabel(p, secs[0].lines)
		// The template's meeting table sits under the title.
		parseTitleBody(secs[0].lines, p, d)
		rest = secs[1:]
	}
	preamble = metadataLines(preamble, p, d)
	notes := placeholder(body(preamble))
	// Incident times are read first, so the timeline can take the
	// incident's day and zone.
	for i := range rest {
		if kindOf(rest[i]) == secIncidentTimes {
			parseIncidentTable(rest[i].lines, p, d)
		}
	}
	if d.zone == nil && d.incidentZone != nil {
		d.zone, d.zoneFrom = d.incidentZone, "the incident times"
	}
	for _, s := range rest {
		parseSection(s, p, d, &notes)
	}
	if notes != "" {
		if p.Description == "" {
			p.Description = notes
		} else {
			p.OtherSections = append([]hindsight.Section{{Heading: "Notes", Body: notes}}, p.OtherSections...)
		}
	}
	finish(p, d, opt)
	return p, &d.report, nil
}

// titleLabels are headings that name the title field rather than being the
// title: "# Incident Title" with the title on the line under it.
var titleLabels = map[string]bool{"title": true, "incident title": true, "incident name": true, "post-mortem title": true, "postmortem title": true, "incident": true}

var labelLineRe = regexp.MustCompile(`^[\w ]{1,40}:`)

// titleUnderLabel takes the title from the first line under a heading
// that only names the field, and returns the lines after it.
func titleUnderLabel(p *hindsight.PostMortem, lines []string) []string {
	if !titleLabels[normHeading(p.Title)] {
		return lines
	}
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			if (i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "") && !isListItem(l) && !isTableRow(l) && len(t) <= hindsight.MaxTitleLen &&
				!strings.ContainsAny(t[:1], ">|!<[*_`") && !labelLineRe.MatchString(t) {
				p.Title = t
				return lines[i+1:]
			}
			return lines
		}
	}
	return lines
}

// finish gives the post-mortem a title, keeps the values that did not fit
// and completes the report.
func finish(p *hindsight.PostMortem, d *doc, opt Options) {
	if p.Title == "" {
		name := strings.TrimSuffix(filepath.Base(opt.Name), filepath.Ext(opt.Name))
		switch {
		case name != "" && name != ".":
			p.Title = strings.ReplaceAll(strings.ReplaceAll(name, "-", " "), "_", " ")
			d.report.Assumed = append(d.report.Assumed, "the title is the file name")
		default:
			p.Title = untitled
			d.report.Assumed = append(d.report.Assumed, "the document names no title: it is \""+untitled+"\"")
		}
	}
	if len(d.kept) > 0 {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: keptHeading, Body: strings.Join(d.kept, "\n")})
	}
	d.report.Zone = d.loc().String()
	if d.noZone > 0 {
		from := "none is declared"
		if d.zoneFrom != "" {
			from = "from \"" + d.zoneFrom + "\""
		}
		d.report.Assumed = append(d.report.Assumed, itoa(d.noZone)+" times written without a zone are in "+d.report.Zone+" ("+from+")")
	}
	summarise(p, d)
	d.report.Proposed = propose(p)
}

// keptHeading is the section that keeps values that did not fit a field.
const keptHeading = "Imported as written"

// decodeText reads the bytes as UTF-8, or as Windows-1252 (which covers
// Latin-1) when they are not valid UTF-8, as older wiki exports are.
func decodeText(src []byte, d *doc) string {
	if utf8.Valid(src) {
		return string(src)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(src)
	if err != nil {
		return strings.ToValidUTF8(string(src), "\uFFFD")
	}
	d.report.Assumed = append(d.report.Assumed, "the file is not UTF-8: read as Windows-1252")
	return string(out)
}

// placeholder turns the template's "<Name>"-style placeholders and lone
// list markers into empty values.
// Other text is returned as it is, indentation included.
func placeholder(s string) string {
	t := strings.TrimSpace(s)
	if t == "-" || t == "*" || (strings.HasPrefix(t, "<") && strings.HasSuffix(t, ">") && !strings.Contains(t, "://") && !strings.Contains(t, "@") && !strings.Contains(t, "\n")) {
		return ""
	}
	return s
}

// parseTitleBody reads what sits between the title and the first section:
// the meeting table and, in other shapes, "Key: value" lines and tables.
func parseTitleBody(lines []string, p *hindsight.PostMortem, d *doc) {
	var rest []string
	inTable := map[int]bool{}
	for _, t := range parseTables(lines) {
		known := t.column("meeting") == 0
		if !known && len(t.header) == 2 {
			known = metadataTable(t, p, d)
		}
		if known {
			for _, row := range t.rows {
				if t.column("meeting") == 0 {
					meetingRow(cell(row, 0), cell(row, 1), p, d)
				}
			}
			for i := t.start; i < t.end; i++ {
				inTable[i] = true
			}
		}
	}
	for i, l := range lines {
		if !inTable[i] {
			rest = append(rest, l)
		}
	}
	rest = metadataLines(rest, p, d)
	if b := placeholder(body(rest)); b != "" {
		p.OtherSections = append(p.OtherSections, hindsight.Section{Heading: "Notes", Body: b})
	}
}

func meetingRow(key, value string, p *hindsight.PostMortem, d *doc) {
	switch normHeading(key) {
	case "date", "meeting date":
		p.Meeting.Date = timeField(value, "meeting.date", d)
	case "contact", "contact person":
		p.Meeting.Contact = value
	case "created by", "author", "authors":
		p.Meeting.CreatedBy = value
	case "facilitated by", "facilitator":
		p.Meeting.FacilitatedBy = value
	}
}
